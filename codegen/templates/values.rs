//! Graph's date, time, duration and GUID values as types that validate on
//! the way in and give back exactly the text they were given.
//!
//! Why not a date library: Graph writes seven fractional digits
//! (`2023-06-09T22:50:41.5414467Z`), `Z` or an offset, durations as ISO 8601
//! (`P1DT2H`), and clients round-trip what they read (PATCH bodies, delta
//! tokens, ETags built from timestamps). A newtype over the checked text is
//! lossless, costs no dependency, and still refuses what is not a date.
//! `DateTimeOffset::to_system_time` and the component accessors cover
//! arithmetic; convert to `time` or `chrono` from `as_str()` when you need
//! more.
//!
//! This file is shared: the generator compiles it to check example values
//! (`D0305`) with the same rules the generated crate enforces.

use std::fmt;

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(s, 0..4), digits(s, 5..7), digits(s, 8..10))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `hh:mm[:ss[.fraction]]`.
pub fn is_time_of_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return false;
    }
    let (Some(h), Some(m)) = (digits(s, 0..2), digits(s, 3..5)) else {
        return false;
    };
    if h > 23 || m > 59 {
        return false;
    }
    if b.len() == 5 {
        return true;
    }
    if b[5] != b':' || digits(s, 6..8).is_none_or(|sec| sec > 60) {
        return false;
    }
    match s.get(8..) {
        Some("") => true,
        Some(frac) => frac
            .strip_prefix('.')
            .is_some_and(|f| !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit())),
        None => false,
    }
}

/// RFC 3339: `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`.
pub fn is_date_time(s: &str) -> bool {
    if s.len() < 20 || !s.is_char_boundary(10) || !matches!(s.as_bytes()[10], b'T' | b't') {
        return false;
    }
    let (date, rest) = (&s[..10], &s[11..]);
    if !is_date(date) {
        return false;
    }
    let (time, offset) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
        (t, None)
    } else if rest.len() > 6 && rest.is_char_boundary(rest.len() - 6) {
        let (t, o) = rest.split_at(rest.len() - 6);
        (t, Some(o))
    } else {
        return false;
    };
    if time.len() < 8 || !is_time_of_day(time) {
        return false;
    }
    match offset {
        None => true,
        Some(o) => {
            let b = o.as_bytes();
            matches!(b[0], b'+' | b'-')
                && b[3] == b':'
                && digits(o, 1..3).is_some_and(|h| h <= 23)
                && digits(o, 4..6).is_some_and(|m| m <= 59)
        }
    }
}

/// ISO 8601 duration: `P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]`, optionally negative.
pub fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    fn units(part: &str, allowed: &str, fraction_ok: bool) -> Option<usize> {
        let mut count = 0;
        let mut number = String::new();
        let mut order = 0;
        for c in part.chars() {
            if c.is_ascii_digit()
                || (fraction_ok && c == '.' && !number.is_empty() && !number.contains('.'))
            {
                number.push(c);
            } else {
                let at = allowed.find(c)?;
                if number.is_empty()
                    || number.ends_with('.')
                    || at < order
                    || (c != 'S' && number.contains('.'))
                {
                    return None;
                }
                order = at + 1;
                number.clear();
                count += 1;
            }
        }
        number.is_empty().then_some(count)
    }
    let Some(date_units) = units(date, "YMWD", false) else {
        return false;
    };
    match time {
        Some(t) => units(t, "HMS", true).is_some_and(|n| n > 0),
        None => date_units > 0,
    }
}

/// `8-4-4-4-12` hexadecimal digits.
pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A value that did not parse as its Graph type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    pub expected: &'static str,
    pub found: String,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.found, self.expected)
    }
}

impl std::error::Error for InvalidValue {}

macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident, $check:ident, $expected:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks `text` and keeps it as it is.
            pub fn parse(text: &str) -> Result<Self, InvalidValue> {
                if $check(text) {
                    Ok($name(text.to_string()))
                } else {
                    Err(InvalidValue { expected: $expected, found: text.to_string() })
                }
            }

            /// The text exactly as Graph wrote it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_value!(
    /// `Edm.DateTimeOffset`: an RFC 3339 timestamp such as `2023-06-09T22:50:41.5414467Z`.
    DateTimeOffset, is_date_time, "DateTimeOffset (RFC 3339)"
);
text_value!(
    /// `Edm.Date`: `2020-03-19`.
    Date, is_date, "Date (YYYY-MM-DD)"
);
text_value!(
    /// `Edm.TimeOfDay`: `13:45:00.0000000`.
    TimeOfDay, is_time_of_day, "TimeOfDay (hh:mm:ss)"
);
text_value!(
    /// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`.
    Duration, is_duration, "Duration (ISO 8601)"
);
text_value!(
    /// `Edm.Guid`: `5c5670d6-a2c0-a394-ef42-882954856de5`.
    Guid, is_guid, "GUID"
);

impl DateTimeOffset {
    /// (year, month, day, hour, minute, second, nanosecond, offset in minutes).
    pub fn components(&self) -> (i32, u32, u32, u32, u32, u32, u32, i32) {
        let s = &self.0;
        let num = |r: std::ops::Range<usize>| digits(s, r).unwrap_or(0);
        let rest = &s[19..];
        let (fraction, offset) = match rest.find(['Z', 'z', '+', '-']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let digits_only: String = fraction.trim_start_matches('.').chars().take(9).collect();
        let nanos = if digits_only.is_empty() {
            0
        } else {
            digits_only.parse::<u32>().unwrap_or(0) * 10u32.pow(9 - digits_only.len() as u32)
        };
        let offset_minutes = match offset.as_bytes().first() {
            Some(b'+') | Some(b'-') => {
                let sign = if offset.starts_with('-') { -1 } else { 1 };
                sign * (digits(offset, 1..3).unwrap_or(0) as i32 * 60
                    + digits(offset, 4..6).unwrap_or(0) as i32)
            }
            _ => 0,
        };
        (
            num(0..4) as i32,
            num(5..7),
            num(8..10),
            num(11..13),
            num(14..16),
            num(17..19),
            nanos,
            offset_minutes,
        )
    }

    /// The instant, for arithmetic and comparison across offsets, or `None`
    /// where this platform's `SystemTime` cannot hold it (on Windows, any
    /// instant before 1601).
    pub fn to_system_time(&self) -> Option<std::time::SystemTime> {
        let (y, mo, d, h, mi, s, nanos, offset) = self.components();
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = if mo <= 2 { y - 1 } else { y } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (mo as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let secs = days * 86_400 + h as i64 * 3600 + mi as i64 * 60 + s as i64 - offset as i64 * 60;
        let base = std::time::UNIX_EPOCH;
        let t = if secs >= 0 {
            base.checked_add(std::time::Duration::from_secs(secs.unsigned_abs()))
        } else {
            base.checked_sub(std::time::Duration::from_secs(secs.unsigned_abs()))
        };
        t?.checked_add(std::time::Duration::from_nanos(u64::from(nanos)))
    }
}
