//! Service centres (党群服务中心 / 阵地, 司机之家): the record with its
//! services from a catalog, an opening schedule in Open Referral HSDS's
//! schedule fields and rooms; daily usage counts; bookings of rooms that
//! never overlap; and the centres as HSDS 3.0 JSON.
//!
//! Rules (`docs/wire/pairings.md`): a schedule that closes before it opens is an
//! error (`schedule_closes_before_opens` at `schedule[i]`); a `driver_home`
//! without one of the five free basic services of 交办运函〔2025〕1059号
//! (停车休息, 热水供应, 饭菜加热, 淋浴, 洗衣) is a warning
//! (`driver_home_missing_service` at `services`). Usage is counts only,
//! never names.

pub mod booking;
mod check;
pub mod hsds;
mod record;
mod services;

pub use check::{
    centre_against_earlier, check_centre_json, check_usage_json, UsageContext, ADDRESS_LENGTH,
    AREA_M2, CHAINS_MAX, DAILY_VISITS, ID_LENGTH, NAME_LENGTH, PARTNERS_MAX, ROOMS_MAX,
    ROOM_CAPACITY, ROOM_NAME_LENGTH, SCHEDULE_MAX, SERVICES_MAX,
};
#[allow(unused_imports)]
pub(crate) use check::{check_centre_got, TOP as SCHEMA, USAGE as USAGE_SCHEMA};
pub use record::{Centre, CentreKind, CentreService, Opening, Room, TimeOfDay, Usage, WEEKDAYS};
pub use services::{Service, ServiceCatalog};
