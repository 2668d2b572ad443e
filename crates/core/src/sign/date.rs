//! The `X-Sdk-Date` form (`YYYYMMDDTHHMMSSZ`, UTC) to and from epoch seconds, with the civil
//! calendar arithmetic it needs (no clock: time is an argument).

use super::SignError;

/// Reads `YYYYMMDDTHHMMSSZ` (UTC) into epoch seconds, checking every field
/// (month 1–12, the day within its month, hour < 24, minute and second < 60).
pub fn parse_sdk_date(text: &str) -> Result<i64, SignError> {
    let bad = || SignError::BadDate(text.to_owned());
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, SignError> {
        bytes[range].iter().try_fold(0i64, |acc, &byte| {
            if byte.is_ascii_digit() {
                Ok(acc * 10 + i64::from(byte - b'0'))
            } else {
                Err(bad())
            }
        })
    };
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let (hour, minute, second) = (number(9..11)?, number(11..13)?, number(13..15)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return Err(bad());
    }
    Ok(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Writes epoch seconds as `YYYYMMDDTHHMMSSZ` (UTC). Times outside the years 0000–9999 cannot be
/// written in that form and give [`SignError::BadDate`].
pub fn format_sdk_date(epoch_seconds: i64) -> Result<String, SignError> {
    let days = epoch_seconds.div_euclid(86_400);
    let seconds_of_day = epoch_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return Err(SignError::BadDate(format!(
            "{epoch_seconds} (epoch seconds)"
        )));
    }
    Ok(format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        seconds_of_day / 3_600,
        seconds_of_day % 3_600 / 60,
        seconds_of_day % 60
    ))
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`] (H. Hinnant's `civil_from_days`). Only called with
/// `epoch_seconds / 86400`, whose magnitude keeps every step far from overflow.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
