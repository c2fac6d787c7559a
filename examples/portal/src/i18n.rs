//! The words of the portal's own pages in zh-CN and en (the findings come
//! with their messages from the core), and how a request picks its language.

use lianjian::demand::{DemandKind, State};
use lianjian::Lang;

/// `(key, zh-CN, en)`.
const TEXTS: &[(&str, &str, &str)] = &[
    ("site", "盐田区产业链党建", "Yantian industry-chain Party building"),
    ("portal_title", "企业服务 · 产业链党建", "Enterprise services · industry-chain Party building"),
    ("portal_intro", "企业可在此加入所在产业链的功能型党委，并向产业链党委反映诉求。加入产业链党委不改变企业党组织原有隶属关系。", "Enterprises enroll here in their industry chain's functional Party committee and raise demands with it. Enrolling never changes any existing affiliation."),
    ("enroll_heading", "加入产业链党委", "Enroll in a chain committee"),
    ("demand_heading", "反映诉求", "Raise a demand"),
    ("widgets_missing", "表单组件尚未构建：请先运行 bash scripts/build-wasm。", "The form widgets are not built yet: run bash scripts/build-wasm first."),
    ("staff_link", "工作人员登录", "Staff sign-in"),
    ("other_lang", "English", "中文"),
    ("login", "登录", "Sign in"),
    ("logout", "退出", "Sign out"),
    ("username", "用户名", "User name"),
    ("password", "密码", "Password"),
    ("login_failed", "用户名或密码错误。", "Wrong user name or password."),
    ("login_throttled", "尝试次数过多，请稍后再试。", "Too many attempts; try again later."),
    ("change_password", "修改密码", "Change password"),
    ("must_change", "首次登录请先修改一次性密码。", "Replace the one-time password before going on."),
    ("current_password", "当前密码", "Current password"),
    ("new_password", "新密码（至少12位）", "New password (12 characters or more)"),
    ("password_rules", "新密码至少12位，且不能与当前密码相同。", "The new password needs 12 characters or more and must differ from the current one."),
    ("inbox", "诉求收件箱", "Demand inbox"),
    ("meeting", "联席会议", "Joint meeting"),
    ("overdue", "督办", "Supervision"),
    ("coverage", "覆盖情况", "Coverage"),
    ("all", "全部", "All"),
    ("status", "状态", "Status"),
    ("filter", "筛选", "Filter"),
    ("id", "编号", "No."),
    ("title", "标题", "Title"),
    ("enterprise", "企业", "Enterprise"),
    ("chain", "产业链", "Chain"),
    ("kind", "类型", "Kind"),
    ("topic", "主题", "Topic"),
    ("department", "责任单位", "Department"),
    ("deadline", "办理时限", "Deadline"),
    ("deadline_auto", "留空则按诉求类型的工作日时限计算", "Leave empty for the kind's limit in working days"),
    ("received", "受理日期", "Received"),
    ("urgent", "紧急", "Urgent"),
    ("no_demands", "没有符合条件的诉求。", "No demands match."),
    ("history", "办理记录", "History"),
    ("actions", "办理操作", "Actions"),
    ("refused", "操作未执行：", "Not done:"),
    ("done", "已记录。", "Recorded."),
    ("description", "诉求内容", "Description"),
    ("act_collect", "收集上会", "Collect for the joint meeting"),
    ("act_assign", "交办", "Assign"),
    ("act_accept", "签收", "Accept"),
    ("act_return", "退单", "Return"),
    ("act_start", "开始办理", "Start work"),
    ("act_reply", "答复", "Reply"),
    ("act_revisit", "回访", "Revisit"),
    ("act_extend", "延期", "Extend"),
    ("act_close", "不予办理关闭", "Close without action"),
    ("act_recompute", "重新计算办理时限", "Recompute the deadline"),
    ("calendar", "工作日历", "Working days"),
    ("calendar_years", "已公布的节假日安排", "Published holiday schedules"),
    ("year", "年份", "Year"),
    ("calendar_source", "依据", "Source"),
    ("calendar_unpublished", "尚未公布或未载入：按法定节假日推算，不含调休", "Not published or not loaded: reckoned from the statutory holidays, without make-up days"),
    ("calendar_hint", "国务院办公厅公布新一年的节假日安排后，用 --holidays 文件（或 LIANJIAN_PORTAL_HOLIDAYS）载入，再在下方重新计算暂定的办理时限；每次重新计算都记入该诉求的办理记录。", "When the State Council publishes the next year's holiday schedule, load it with a --holidays file (or LIANJIAN_PORTAL_HOLIDAYS), then recompute the provisional deadlines below; each recomputation is recorded in the demand's history."),
    ("provisional", "暂定", "Provisional"),
    ("provisional_hint", "跨入尚未公布节假日安排的年份，安排公布后需重新计算", "Reckoned into a year whose holiday schedule was not published; recompute it once it is"),
    ("provisional_deadlines", "暂定的办理时限", "Provisional deadlines"),
    ("no_provisional", "没有暂定办理时限的在办诉求。", "No open demand has a provisional deadline."),
    ("recomputed_deadline", "按现有安排重新计算", "Recomputed with the schedules loaded now"),
    ("recompute_all", "全部重新计算", "Recompute them all"),
    ("still_provisional", "仍为暂定：相关年份的安排尚未载入", "Still provisional: a year it reaches has no schedule loaded"),
    ("meeting_name", "会议名称", "Meeting"),
    ("reason", "理由", "Reason"),
    ("reply", "答复内容", "Reply"),
    ("approver", "审批人", "Approver"),
    ("satisfied", "企业满意", "Enterprise satisfied"),
    ("not_satisfied", "企业不满意", "Enterprise not satisfied"),
    ("note", "备注", "Note"),
    ("close_duplicate", "重复诉求", "Duplicate"),
    ("close_not_accepted", "不予受理", "Not accepted"),
    ("close_referred", "转其他渠道", "Referred"),
    ("agenda", "议程（已收集的诉求）", "Agenda (collected demands)"),
    ("agenda_empty", "暂无已收集待上会的诉求。", "No demands are collected for the meeting."),
    ("record_minutes", "记录会议纪要并交办", "Record the minutes and assign"),
    ("minutes", "历次会议纪要", "Minutes of past meetings"),
    (
        "corrections",
        "改派记录（交办部门与建议不同，已去除个人信息，用于训练分类模型）",
        "Corrections (assigned to another department than suggested; personal data removed; for training the classifier)",
    ),
    ("corrections_export", "导出（JSON lines）", "Export (JSON lines)"),
    ("held_at", "召开时间", "Held"),
    ("recorder", "记录人", "Recorder"),
    ("decisions", "交办事项", "Decisions"),
    ("suggested", "建议责任单位", "Suggested department"),
    ("age", "已过工作日", "Working days since receipt"),
    ("overdue_days", "超期工作日", "Working days overdue"),
    ("overdue_list", "超期督办", "Overdue: under supervision"),
    ("open_list", "办理中（时限内）", "With a department, in time"),
    ("reassign_list", "待重新交办", "To be assigned again"),
    ("revisit_list", "待回访", "Awaiting the revisit"),
    ("none", "无", "None"),
    ("members", "成员企业", "Members"),
    ("own_org", "单独建党组织", "Own organization"),
    ("joint_org", "联合党组织", "Joint organization"),
    ("work_only", "工作覆盖", "Work coverage only"),
    ("uncovered", "未覆盖", "Uncovered"),
    ("org_rate", "组织覆盖率", "Organization coverage"),
    ("heatmap", "产业链 × 环节 组织覆盖热力图", "Chain × segment organization coverage"),
    ("heatmap_legend", "格内为成员企业数与组织覆盖率；空环节标为“—”。", "Each cell: members and organization coverage; an empty segment shows “—”."),
    ("gaps", "缺口", "Gaps"),
    ("empty_segments", "无成员企业的环节", "Segments without members"),
    ("segments_without_org", "无党组织的环节", "Segments without a Party organization"),
    ("should_build", "应单独建立党组织的企业", "Enterprises that should build their own organization"),
    ("unlinked", "未联系的企业", "Enterprises not linked"),
    ("totals", "全区合计", "District totals"),
    ("not_found", "未找到。", "Not found."),
    ("forbidden", "请求被拒绝（表单已过期或来源不符），请刷新页面后重试。", "Refused: the form expired or came from elsewhere. Reload the page and try again."),
    ("server_error", "服务器出错，请稍后再试。", "Something went wrong on the server; please try again."),
];

/// The text for `key` in `lang` (the key itself when there is none).
pub fn t(lang: Lang, key: &str) -> &str {
    match TEXTS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        },
        None => key,
    }
}

/// The name of a lifecycle state.
pub fn state_name(lang: Lang, state: State) -> &'static str {
    let (zh, en) = match state {
        State::Submitted => ("已提交", "Submitted"),
        State::Collected => ("已收集待上会", "Collected for the meeting"),
        State::Assigned => ("已交办", "Assigned"),
        State::Accepted => ("已签收", "Accepted"),
        State::Returned => ("已退单", "Returned"),
        State::InProgress => ("办理中", "In progress"),
        State::Replied => ("已答复", "Replied"),
        State::Reopened => ("重新交办", "Reopened"),
        State::Closed => ("已办结", "Closed"),
        State::ClosedWithoutAction => ("不予办理", "Closed without action"),
    };
    pick(lang, zh, en)
}

/// The name of a kind of demand.
pub fn kind_name(lang: Lang, kind: DemandKind) -> &'static str {
    let (zh, en) = match kind {
        DemandKind::Consultation => ("咨询", "Consultation"),
        DemandKind::Help => ("求助", "Request for help"),
        DemandKind::Complaint => ("投诉", "Complaint"),
        DemandKind::Report => ("举报", "Report"),
        DemandKind::Suggestion => ("意见建议", "Suggestion"),
    };
    pick(lang, zh, en)
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// The language a request asks for: `?lang=`, then the `lj_lang` cookie,
/// then `Accept-Language` (the first tag the project speaks), else zh-CN.
pub fn negotiate(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Lang {
    if let Some(lang) = query.and_then(Lang::parse) {
        return lang;
    }
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return lang;
    }
    accept
        .into_iter()
        .flat_map(|header| header.split(','))
        .filter_map(|part| part.split(';').next())
        .find_map(|tag| {
            let tag = tag.trim().to_ascii_lowercase();
            if tag.starts_with("zh") {
                Some(Lang::ZhCn)
            } else if tag.starts_with("en") {
                Some(Lang::En)
            } else {
                None
            }
        })
        .unwrap_or(Lang::ZhCn)
}

/// The `lang` attribute and query value of a language.
pub fn tag(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_in_both_languages_and_unique() {
        for (i, (key, zh, en)) in TEXTS.iter().enumerate() {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            assert!(TEXTS[..i].iter().all(|(k, _, _)| k != key), "{key} twice");
        }
        assert_eq!(t(Lang::En, "login"), "Sign in");
        assert_eq!(t(Lang::En, "no such key"), "no such key");
    }

    #[test]
    fn negotiates_query_cookie_header() {
        assert_eq!(negotiate(Some("en"), Some("zh-CN"), None), Lang::En);
        assert_eq!(negotiate(None, Some("en"), Some("zh-CN")), Lang::En);
        assert_eq!(negotiate(None, None, Some("fr-FR, en;q=0.8")), Lang::En);
        assert_eq!(negotiate(Some("fr"), None, Some("zh-TW")), Lang::ZhCn);
        assert_eq!(negotiate(None, None, None), Lang::ZhCn);
    }
}
