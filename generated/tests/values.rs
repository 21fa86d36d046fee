//! Hand-written tests (no generated header, so regen keeps this file) of
//! the instants `values::DateTimeOffset` stands for: every day of four
//! centuries against a count of days kept apart from the civil-date
//! arithmetic, offsets and fractions, and the ends of the range.

use graph_generated::values::DateTimeOffset;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn instant(text: &str) -> Option<SystemTime> {
    text.parse::<DateTimeOffset>()
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .to_system_time()
}

/// Nanoseconds from the Unix epoch, negative before it.
fn unix_nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

const SECOND: i128 = 1_000_000_000;

fn days_in(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[test]
fn every_day_from_1800_to_2200_is_one_day_after_the_last() {
    // 1970-01-01 is day 0; walk forwards from 1800-01-01, which is 62,091
    // days before it (170 years, 41 of them leap years).
    let (mut year, mut month, mut day) = (1800, 1, 1);
    let mut days_from_epoch: i128 = -62_091;
    while year < 2200 {
        let text = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
        let nanos = unix_nanos(instant(&text).expect("a day SystemTime holds"));
        assert_eq!(nanos, days_from_epoch * 86_400 * SECOND, "{text}");
        days_from_epoch += 1;
        day += 1;
        if day > days_in(year, month) {
            day = 1;
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
    }
    assert_eq!(days_from_epoch, 84_006, "2200-01-01 is 84,006 days after 1970");
}

#[test]
fn offsets_and_fractions_move_the_instant() {
    let base = unix_nanos(instant("2020-03-19T12:01:03Z").unwrap());
    assert_eq!(base, 1_584_619_263 * SECOND);
    // The same wall-clock time an hour and a half east is earlier.
    let east = unix_nanos(instant("2020-03-19T12:01:03+01:30").unwrap());
    assert_eq!(east, base - 5_400 * SECOND);
    let west = unix_nanos(instant("2020-03-19T12:01:03-08:00").unwrap());
    assert_eq!(west, base + 28_800 * SECOND);
    // Graph's seven fractional digits, and more than nine (cut to nanoseconds).
    let t = instant("2020-03-19T12:01:03.5414467Z").unwrap();
    assert_eq!(
        t.duration_since(UNIX_EPOCH).unwrap(),
        Duration::new(1_584_619_263, 541_446_700)
    );
    let t = instant("2020-03-19T12:01:03.123456789987Z").unwrap();
    assert_eq!(t.duration_since(UNIX_EPOCH).unwrap().subsec_nanos(), 123_456_789);
    // Half a second before the epoch.
    let t = instant("1969-12-31T23:59:59.5Z").unwrap();
    assert_eq!(UNIX_EPOCH.duration_since(t).unwrap(), Duration::from_millis(500));
    // The same instant written in two offsets compares equal.
    assert_eq!(
        instant("2021-01-01T00:30:00+01:00"),
        instant("2020-12-31T23:30:00Z")
    );
}

#[test]
fn the_ends_of_the_range_give_an_instant_or_none_and_never_panic() {
    for (text, seconds, nanos) in [
        // Year 0 is a leap year (proleptic Gregorian): 366 days before
        // year 1, and the offset puts the instant almost a day earlier.
        ("0000-01-01T00:00:00+23:59", -62_167_305_540, 0),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0),
        ("1600-12-31T23:59:59.9999999Z", -11_644_473_601, 999_999_900),
        ("1601-01-01T00:00:00Z", -11_644_473_600, 0),
        // A leap second, and the offset puts it almost a day later.
        ("9999-12-31T23:59:60.999999999-23:59", 253_402_387_140, 999_999_999),
    ] {
        match instant(text) {
            Some(t) => assert_eq!(unix_nanos(t), seconds * SECOND + nanos, "{text}"),
            // Only where SystemTime cannot go back that far.
            None => assert!(cfg!(windows) && seconds < -11_644_473_600, "{text} has no instant"),
        }
    }
}
