//! Runnable examples of lianjian: see `enroll.rs` and `district.rs`.
