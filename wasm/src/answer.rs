//! Answers as JSON text that `JSON.parse` turns into exactly the objects a
//! value-by-value conversion would build.
//!
//! The one difference JSON text could make is a whole number beyond
//! ±(2^53 − 1): `JSON.parse` would round it silently. Such a number is
//! refused instead, with the error the JS API has always thrown for it.

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, Serializer};
use wasm_bindgen::JsError;

/// The largest whole number a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Any answer as compact JSON text.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, JsError> {
    let mut out = Vec::with_capacity(256);
    value
        .serialize(&mut Serializer::with_formatter(&mut out, SafeIntegers))
        .map_err(|e| JsError::new(&e.to_string()))?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|e| JsError::new(&e.to_string()))
}

/// serde_json's compact layout, refusing integers a JS number cannot hold.
struct SafeIntegers;

impl SafeIntegers {
    /// Refuses a whole number whose magnitude exceeds what JS holds exactly.
    fn check(magnitude: u64, shown: &dyn std::fmt::Display) -> io::Result<()> {
        if magnitude <= MAX_SAFE_INTEGER {
            Ok(())
        } else {
            Err(io::Error::other(format!(
                "Error: {shown} can't be represented as a JavaScript number"
            )))
        }
    }
}

impl Formatter for SafeIntegers {
    fn write_i64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: i64) -> io::Result<()> {
        Self::check(value.unsigned_abs(), &value)?;
        CompactFormatter.write_i64(writer, value)
    }

    fn write_u64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        Self::check(value, &value)?;
        CompactFormatter.write_u64(writer, value)
    }
}
