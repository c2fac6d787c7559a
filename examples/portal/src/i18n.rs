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
    ("site_links", "站点链接", "Site links"),
    ("services", "服务", "Services"),
    ("demand_intro", "企业可在此向产业链党委反映诉求（咨询、求助、投诉、举报、意见建议），由联席会议交办相关部门限时办理并回访。提交后请保存受理编号和查询码，用于查询办理进度。", "Enterprises raise demands with their chain committee here (consultation, help, complaint, report, suggestion); the joint meeting assigns them to a department with a deadline and a revisit. Keep the receipt number and query code to follow your demand."),
    ("track_heading", "查询办理进度", "Track a submission"),
    ("track_intro", "请输入提交时获得的受理编号和查询码。查询结果只显示办理情况，不显示联系人等个人信息。", "Enter the receipt number and the query code you got when you submitted. The answer shows how it is handled, never personal data."),
    ("receipt_number", "受理编号", "Receipt number"),
    ("query_code", "查询码", "Query code"),
    ("track", "查询", "Track"),
    ("track_not_found", "未找到：请核对受理编号和查询码。", "Not found: check the receipt number and the query code."),
    ("track_throttled", "该受理编号查询错误次数过多，请五分钟后再试。", "Too many wrong codes for this number; try again in five minutes."),
    ("track_another", "查询其他编号", "Track another number"),
    ("track_revisit", "部门已答复，工作人员将通过电话或上门回访了解您是否满意。", "The department has replied; staff will call or visit to ask whether you are satisfied."),
    ("progress", "办理进度", "Progress"),
    ("enrollment_registered", "已登记入会", "Enrolled"),
    ("enrollment_hint", "加入产业链党委不改变企业党组织原有隶属关系。", "Enrolling never changes any existing affiliation."),
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
    ("normal", "一般", "Normal"),
    ("urgency", "紧急程度", "Urgency"),
    ("attachments", "附件", "Attachments"),
    ("contact", "联系人（回访时联系）", "Contact (for the revisit)"),
    ("contact_name", "姓名", "Name"),
    ("contact_phone", "电话", "Phone"),
    ("contact_email", "电子邮箱", "E-mail"),
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
    ("event_submitted", "提交诉求", "Submitted"),
    ("event_collected", "收集上会", "Collected for the joint meeting"),
    ("event_assigned", "交办", "Assigned"),
    ("event_accepted", "签收", "Accepted by the department"),
    ("event_returned", "退单", "Returned by the department"),
    ("event_started", "开始办理", "Work started"),
    ("event_replied", "答复企业", "Replied to the enterprise"),
    ("event_revisited", "回访", "Revisited"),
    ("event_extended", "延期", "Extended"),
    ("event_recomputed", "重新计算办理时限", "Deadline recomputed"),
    ("event_urged", "督办", "Urged (supervision)"),
    ("event_closed", "不予办理关闭", "Closed without action"),
    ("actor_portal", "企业（门户网站）", "the enterprise (portal)"),
    ("actor_open311", "企业（Open311 接口）", "the enterprise (Open311)"),
    ("actor_seed", "示例数据", "demo data"),
    ("deadline_computed", "按工作日时限计算", "reckoned in working days"),
    ("extended_to", "延期至", "to"),
    ("urged_overdue", "已超期 {days} 个工作日", "{days} working days overdue"),
    ("urged_in_time", "尚在时限内", "still within the deadline"),
    ("satisfaction", "满意度", "Satisfaction"),
    ("satisfaction_very_satisfied", "非常满意", "Very satisfied"),
    ("satisfaction_satisfied", "满意", "Satisfied"),
    ("satisfaction_basically_satisfied", "基本满意", "Basically satisfied"),
    ("satisfaction_dissatisfied", "不满意", "Dissatisfied"),
    ("satisfaction_very_dissatisfied", "非常不满意", "Very dissatisfied"),
    ("revisit_channel", "回访方式", "Revisit by"),
    ("channel_phone", "电话回访", "Phone call"),
    ("channel_visit", "上门回访", "Visit"),
    ("close_duplicate", "重复诉求", "Duplicate"),
    ("close_not_accepted", "不予受理", "Not accepted"),
    ("close_referred", "转其他渠道", "Referred"),
    ("agenda", "议程（已收集的诉求）", "Agenda (collected demands)"),
    ("agenda_empty", "暂无已收集待上会的诉求。", "No demands are collected for the meeting."),
    ("record_minutes", "记录会议纪要并交办", "Record the minutes and assign"),
    ("minutes", "历次会议纪要", "Minutes of past meetings"),
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
    ("count", "共计：", "Count: "),
    ("segments", "环节", "Segments"),
    ("party_org", "党组织覆盖", "Party organization"),
    ("full_members", "名正式党员", "full members"),
    ("joined_on", "入会日期", "Joined"),
    ("open311", "Open311 公开", "Open311"),
    ("published", "已公开", "Public since"),
    ("not_published", "未公开（待区级统筹审核）", "Not public (awaiting the district office)"),
    ("text_private", "投诉、举报的标题和内容不公开，只公开主题、状态和责任单位。", "The title and text of complaints and reports are never public; only the topic, state and department are."),
    ("publish", "审核通过并公开", "Accept for publication"),
    ("withdraw", "撤回公开", "Withdraw from publication"),
    ("clients", "Open311 接入单位", "Open311 clients"),
    ("clients_hint", "通过 Open311 接口提交诉求须使用登记单位的 api_key；密钥只显示一次，系统只保存其摘要。", "Posting requests through Open311 takes the api_key of a registered client; a key is shown once and only its digest is kept."),
    ("client_name", "单位名称", "Client"),
    ("api_key", "密钥", "Key"),
    ("created", "登记", "Registered"),
    ("create_client", "登记并发放密钥", "Register and issue a key"),
    ("api_key_for", "api_key，接入单位：", "api_key of the client"),
    ("client_name_taken", "单位名称为空、过长或已登记。", "The client's name is empty, too long, or registered already."),
    ("audit_published", "审核公开", "Accepted for publication"),
    ("audit_withdrawn", "撤回公开", "Withdrawn from publication"),
    ("audit_client_created", "登记接入单位", "Client registered"),
    ("audit_client_disabled", "停用接入单位", "Client disabled"),
    ("audit_client_enabled", "启用接入单位", "Client enabled"),
    ("intake_warnings", "受理时的提示", "Warnings at intake"),
    ("open_earlier", "查看诉求", "Open demand"),
    ("urged_times", "已督办 {n} 次", "Urged {n}×"),
    ("likely_repeat", "可能重复", "Likely repeat"),
    ("staff_nav", "工作人员页面", "Staff pages"),
    ("users", "账号管理", "Accounts"),
    ("audit", "操作日志", "Audit log"),
    ("enrollments", "入会企业", "Enrollments"),
    ("role", "角色", "Role"),
    ("role_admin", "系统管理员", "Administrator"),
    ("role_office", "区级统筹（联席会议办公室）", "District office"),
    ("role_handler", "部门经办人", "Department handler"),
    ("role_auditor", "审计（只读）", "Auditor (read-only)"),
    ("roles_hint", "系统管理员管理账号并可办理一切事项；区级统筹负责收集、交办、联席会议、督办与回访；部门经办人只能查看和办理交办给本部门的诉求；审计人员可查看全部页面和操作日志，不能修改任何内容。", "Administrators manage accounts and may do everything; the district office collects, assigns, runs the joint meeting, supervises and revisits; a department handler sees and acts only on the demands assigned to its department; an auditor reads every page and the audit log and changes nothing."),
    ("accounts", "账号", "Accounts"),
    ("create_account", "新建账号", "Create an account"),
    ("no_department", "（不属于部门）", "(no department)"),
    ("save", "保存", "Save"),
    ("disable", "停用", "Disable"),
    ("enable", "启用", "Enable"),
    ("reset_password", "重置密码", "Reset the password"),
    ("account_active", "正常", "Active"),
    ("account_disabled", "已停用", "Disabled"),
    ("account_one_time", "待修改一次性密码", "One-time password not yet replaced"),
    ("one_time_for", "一次性密码，账号：", "One-time password for the account"),
    ("shown_once", "只显示这一次：请当面或通过安全渠道交给本人，首次登录时须修改。", "Shown only now: hand it over in person or through a safe channel; it must be replaced at the first sign-in."),
    ("user_bad_name", "用户名为2至32位小写字母、数字或 . _ -。", "A user name has 2 to 32 lower-case letters, digits, or . _ -."),
    ("user_name_taken", "已有同名账号。", "An account of that name exists."),
    ("user_department", "部门经办人须选择所属部门；其他角色不属于部门。", "A department handler needs a department; other roles have none."),
    ("user_last_admin", "不能停用最后一个系统管理员或取消其管理员角色。", "The last active administrator cannot be disabled or lose the role."),
    ("denied_title", "无权访问", "Not allowed"),
    ("denied", "您的账号角色或所属部门无权查看或办理此事项。此次尝试已记入操作日志。", "Your account's role or department does not allow this. The attempt is recorded in the audit log."),
    ("scope_department", "只显示交办给本部门的诉求：", "Showing the demands assigned to your department:"),
    ("masked", "（已隐去部分号码）", "(partly hidden)"),
    ("colon", "：", ": "),
    ("close_reason", "关闭理由", "Reason for closing"),
    ("decide", "本次会议交办", "Decide at this meeting:"),
    ("refused_minutes", "会议纪要未记录，诉求", "The minutes were not recorded; demand"),
    ("reply_hint", "答复内容将通过查询页告知企业。", "The enterprise reads the reply on the tracking page."),
    ("act_urge", "督办", "Urge (supervision)"),
    ("urge_note", "督办意见", "What to press for"),
    ("actor", "操作人", "Account"),
    ("when", "时间", "When"),
    ("audit_hint", "登录、退出和每一项工作人员操作（包括被拒绝的尝试）都记入日志，日志不可修改。", "Sign-ins, sign-outs and every staff action, refused attempts included, are logged; the log cannot be changed."),
    ("audit_action", "操作", "Action"),
    ("audit_target", "对象", "About"),
    ("audit_outcome", "结果", "Outcome"),
    ("audit_detail", "说明", "Detail"),
    ("outcome_done", "完成", "Done"),
    ("outcome_refused", "被拒绝", "Refused"),
    ("outcome_denied", "无权限", "Not allowed"),
    ("audit_sign_in", "登录", "Sign-in"),
    ("audit_sign_out", "退出", "Sign-out"),
    ("audit_password_changed", "修改密码", "Password changed"),
    ("audit_password_reset", "重置密码", "Password reset"),
    ("audit_user_created", "新建账号", "Account created"),
    ("audit_user_role", "设置角色", "Role set"),
    ("audit_user_disabled", "停用账号", "Account disabled"),
    ("audit_user_enabled", "启用账号", "Account enabled"),
    ("audit_meeting_minutes", "记录会议纪要", "Minutes recorded"),
    ("audit_recompute_all", "全部重新计算办理时限", "All provisional deadlines recomputed"),
    ("audit_view_demand", "查看诉求", "Demand opened"),
    ("audit_open_file", "打开附件", "File opened"),
    ("not_found", "未找到。", "Not found."),
    ("forbidden", "请求被拒绝（表单已过期或来源不符），请刷新页面后重试。", "Refused: the form expired or came from elsewhere. Reload the page and try again."),
    ("centres_heading", "党群服务中心", "Service centres"),
    ("centres_intro", "产业链党群服务中心和司机之家向企业、职工和货车司机开放。服务时间以中心公示为准。", "The chains' Party-and-people service centres and drivers' homes are open to enterprises, their staff and truck drivers. Hours as posted at each centre."),
    ("calendar_heading", "活动日历", "Activity calendar"),
    ("calendar_intro", "产业链党群活动的时间和地点。可下载日历文件导入手机或电脑日历。", "When and where the chains' activities take place. Download the calendar file to add them to a phone or computer calendar."),
    ("open_24h", "24小时", "24 hours"),
    ("hours", "开放时间", "Opening hours"),
    ("address", "地址", "Address"),
    ("services_offered", "服务项目", "Services"),
    ("operator", "运营单位", "Operated by"),
    ("download_hsds", "下载中心目录（HSDS JSON）", "Download the directory (HSDS JSON)"),
    ("download_ical", "下载活动日历（iCalendar）", "Download the calendar (iCalendar)"),
    ("upcoming", "即将举办", "Upcoming"),
    ("past_activities", "已举办", "Held"),
    ("no_activities", "暂无活动。", "No activities."),
    ("where", "地点", "Where"),
    ("activity", "活动", "Activity"),
    ("activity_status_planned", "计划", "Planned"),
    ("activity_status_held", "已举办", "Held"),
    ("activity_status_recorded", "已登记", "Recorded"),
    ("activity_status_cancelled", "已取消", "Cancelled"),
    ("centre_kind_district", "区级中心", "District centre"),
    ("centre_kind_street", "街道中心", "Street centre"),
    ("centre_kind_community", "社区中心", "Community centre"),
    ("centre_kind_park", "园区中心", "Park centre"),
    ("centre_kind_industry", "行业中心", "Industry centre"),
    ("centre_kind_driver_home", "司机之家", "Drivers' home"),
    ("centre_kind_enterprise_room", "企业党群活动室", "Enterprise room"),
    ("day_MO", "周一", "Mon"),
    ("day_TU", "周二", "Tue"),
    ("day_WE", "周三", "Wed"),
    ("day_TH", "周四", "Thu"),
    ("day_FR", "周五", "Fri"),
    ("day_SA", "周六", "Sat"),
    ("day_SU", "周日", "Sun"),
    ("centres_staff", "服务中心", "Centres"),
    ("rooms", "活动室", "Rooms"),
    ("room", "活动室", "Room"),
    ("capacity", "容纳人数", "Capacity"),
    ("bookings", "预订", "Bookings"),
    ("no_bookings", "暂无预订。", "No bookings."),
    ("book_room", "预订活动室", "Book a room"),
    ("book", "预订", "Book"),
    ("date", "日期", "Date"),
    ("from_time", "开始时间", "From"),
    ("to_time", "结束时间", "To"),
    ("expected_people", "预计人数", "People expected"),
    ("booked", "已预订。", "Booked."),
    ("usage_by_month", "每月服务人次", "People served per month"),
    ("month", "月份", "Month"),
    ("service", "服务", "Service"),
    ("visits_count", "人次", "Served"),
    ("no_usage", "暂无服务人次记录。", "No usage counted."),
    ("utilization", "活动室使用率", "Room utilization"),
    ("booked_hours", "预订时长（小时）", "Hours booked"),
    ("open_hours", "开放时长（小时）", "Hours open"),
    ("utilization_share", "使用率", "Utilization"),
    ("utilization_hint", "使用率 = 当月预订时长 ÷ 当月开放时长（按中心公示的开放时间计算）。", "Utilization = hours booked in the month ÷ hours the centre is open in that month (by its posted schedule)."),
    ("view_centres", "查看服务中心", "View centres"),
    ("pairings", "结对共建", "Pairings"),
    ("pairings_hint", "超过90天没有活动、成果或报告的结对排在最前（协议约定按季度报告）。", "Pairings with no activity, outcome or report for 90 days come first (agreements report quarterly)."),
    ("inactive", "90天无进展", "No progress for 90 days"),
    ("not_active", "未生效或已终止", "Not in force"),
    ("last_sign", "最近进展", "Last progress"),
    ("parties", "结对各方", "Parties"),
    ("chain_leader", "链主单位", "Chain leader"),
    ("liaison", "联络员", "Liaison"),
    ("no_liaison", "未指定联络员", "No liaison named"),
    ("contents", "共建内容", "Contents"),
    ("plan", "共建计划", "Plan"),
    ("plan_item", "计划事项", "Plan item"),
    ("due_on", "完成时限", "Due"),
    ("outcome", "成果", "Outcome"),
    ("outcomes", "共建成果", "Outcomes"),
    ("past_due", "逾期未见成果", "Past due, no outcome"),
    ("none_yet", "暂无。", "None yet."),
    ("answers_demand", "回应诉求", "Answers demand"),
    ("reports", "季度报告", "Reports"),
    ("activities_under", "共建活动", "Activities under it"),
    ("pairing_kind_chain_leader_enterprise", "链主带上下游", "Chain leader with its chain"),
    ("pairing_kind_government_enterprise", "街道/部门—企业", "Street or department with enterprises"),
    ("pairing_kind_enterprise_enterprise", "企业—企业", "Enterprise with enterprise"),
    ("pairing_kind_strong_weak", "强弱结对", "Strong with weak"),
    ("pairing_kind_alliance", "产学研联盟", "Industry–academia alliance"),
    ("content_organization", "组织共建", "Organization"),
    ("content_business_exchange", "业务交流", "Business exchange"),
    ("content_joint_activities", "活动共办", "Joint activities"),
    ("content_resource_sharing", "资源共享", "Resource sharing"),
    ("content_complementary_strengths", "优势互补", "Complementary strengths"),
    ("outcome_kind_mechanism", "工作机制", "Mechanism"),
    ("outcome_kind_agreement", "协议", "Agreement"),
    ("outcome_kind_service", "服务", "Service"),
    ("outcome_kind_event", "活动", "Event"),
    ("outcome_kind_other", "其他", "Other"),
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

/// The text for a key of the portal's own (`'static`; empty for an unknown key).
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    match TEXTS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        },
        None => "",
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
