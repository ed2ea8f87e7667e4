//! German public holidays (gesetzliche Feiertage) per federal state, for any year.
//!
//! Public holidays are state law (the Feiertagsgesetze of the Länder); only the Tag der
//! Deutschen Einheit is set federally (Einigungsvertrag, Art. 2 Abs. 2). This module
//! computes the holidays that apply **statewide**: days that are holidays only in some
//! municipalities are left out, because a location's calendar must not close for a
//! holiday that may not apply there. Those are:
//!
//! - Mariä Himmelfahrt (15 August) in Bayern: a holiday only in communities with a
//!   predominantly Catholic population (Art. 1 Abs. 1 Nr. 2 FTG Bayern);
//! - the Augsburger Hohes Friedensfest (8 August): only in the city of Augsburg;
//! - Fronleichnam in Sachsen and Thüringen: only in certain Catholic (Sorbian resp.
//!   Eichsfeld) communities.
//!
//! A location in such a community records the day as an exception of its schedule.
//!
//! # The nine nationwide holidays
//!
//! Neujahr (1 Jan), Karfreitag (Easter − 2), Ostermontag (Easter + 1), Tag der Arbeit
//! (1 May), Christi Himmelfahrt (Easter + 39), Pfingstmontag (Easter + 50), Tag der
//! Deutschen Einheit (3 Oct, from 1990), 1. and 2. Weihnachtstag (25/26 Dec).
//!
//! # State holidays, with the years in which they apply
//!
//! | Holiday                             | States                         | Years         |
//! |-------------------------------------|--------------------------------|---------------|
//! | Heilige Drei Könige (6 Jan)         | BW, BY                         | all           |
//! |                                     | ST                             | from 1993     |
//! | Internationaler Frauentag (8 Mar)   | BE                             | from 2019     |
//! |                                     | MV                             | from 2023     |
//! | Ostersonntag, Pfingstsonntag        | BB (named in its law)          | all           |
//! | Tag der Befreiung (8 May)           | BE, one-off                    | 2020 and 2025 |
//! | Fronleichnam (Easter + 60)          | BW, BY, HE, NW, RP, SL         | all           |
//! | Mariä Himmelfahrt (15 Aug)          | SL                             | all           |
//! | Weltkindertag (20 Sep)              | TH                             | from 2019     |
//! | Reformationstag (31 Oct)            | BB, MV, SN, ST, TH             | from 1990     |
//! |                                     | HB, HH, NI, SH                 | from 2018     |
//! |                                     | every state, one-off (500th)   | 2017          |
//! | Allerheiligen (1 Nov)               | BW, BY, NW, RP, SL             | all           |
//! | Buß- und Bettag (Wed before 23 Nov) | SN                             | all           |
//! |                                     | every state                    | up to 1994    |
//!
//! The Buß- und Bettag was abolished from 1995 everywhere but Sachsen to fund the
//! employers' share of the new Pflegeversicherung.
//!
//! Only enacted holidays are included. A one-off day that has merely been proposed (say,
//! a 17 June 2028 in Berlin) is not a holiday until a law makes it one. When a state
//! changes its law, add the rule with its first year, so that past years keep their answer.
//!
//! # Scope
//!
//! The rules above make the calendar correct for the reunified Germany, 1990 onwards, as
//! far as today's laws reach into the future. Two simplifications for 1990 itself: the
//! rules of the new Länder are applied to the whole year (they were re-established only
//! in October 1990), and the old Federal Republic's Tag der deutschen Einheit on 17 June
//! (a Sunday in 1990) is not modelled. Earlier years get the same rules without
//! 3 October; they are not a historical calendar of the old Federal Republic or the GDR.
//!
//! Two holidays can fall on the same day: when Easter is on 23 March (2008, 2160),
//! Christi Himmelfahrt is on 1 May. Both are listed then.

use crate::{FederalState, Language};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};

use FederalState::*;

/// A public holiday on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Holiday {
    pub date: Date,
    /// A stable id in kebab case, e.g. "karfreitag"; usable as a translation key.
    pub key: &'static str,
    pub name_de: &'static str,
    pub name_en: &'static str,
}

impl Holiday {
    pub fn name(&self, language: Language) -> &'static str {
        match language {
            Language::De => self.name_de,
            Language::En => self.name_en,
        }
    }
}

/// The names of a holiday, independent of its date.
struct Kind {
    key: &'static str,
    de: &'static str,
    en: &'static str,
}

impl Kind {
    const fn on(&self, date: Date) -> Holiday {
        Holiday { date, key: self.key, name_de: self.de, name_en: self.en }
    }
}

macro_rules! kinds {
    ($($name:ident = $key:literal, $de:literal, $en:literal;)*) => {
        $(const $name: Kind = Kind { key: $key, de: $de, en: $en };)*
    };
}

kinds! {
    NEUJAHR = "neujahr", "Neujahr", "New Year's Day";
    HEILIGE_DREI_KOENIGE = "heilige-drei-koenige", "Heilige Drei Könige", "Epiphany";
    FRAUENTAG = "frauentag", "Internationaler Frauentag", "International Women's Day";
    KARFREITAG = "karfreitag", "Karfreitag", "Good Friday";
    OSTERSONNTAG = "ostersonntag", "Ostersonntag", "Easter Sunday";
    OSTERMONTAG = "ostermontag", "Ostermontag", "Easter Monday";
    TAG_DER_ARBEIT = "tag-der-arbeit", "Tag der Arbeit", "Labour Day";
    TAG_DER_BEFREIUNG = "tag-der-befreiung", "Tag der Befreiung", "Liberation Day";
    CHRISTI_HIMMELFAHRT = "christi-himmelfahrt", "Christi Himmelfahrt", "Ascension Day";
    PFINGSTSONNTAG = "pfingstsonntag", "Pfingstsonntag", "Whit Sunday";
    PFINGSTMONTAG = "pfingstmontag", "Pfingstmontag", "Whit Monday";
    FRONLEICHNAM = "fronleichnam", "Fronleichnam", "Corpus Christi";
    MARIAE_HIMMELFAHRT = "mariae-himmelfahrt", "Mariä Himmelfahrt", "Assumption Day";
    WELTKINDERTAG = "weltkindertag", "Weltkindertag", "World Children's Day";
    TAG_DER_DEUTSCHEN_EINHEIT =
        "tag-der-deutschen-einheit", "Tag der Deutschen Einheit", "Day of German Unity";
    REFORMATIONSTAG = "reformationstag", "Reformationstag", "Reformation Day";
    ALLERHEILIGEN = "allerheiligen", "Allerheiligen", "All Saints' Day";
    BUSS_UND_BETTAG = "buss-und-bettag", "Buß- und Bettag", "Day of Repentance and Prayer";
    ERSTER_WEIHNACHTSTAG = "erster-weihnachtstag", "1. Weihnachtstag", "Christmas Day";
    ZWEITER_WEIHNACHTSTAG = "zweiter-weihnachtstag", "2. Weihnachtstag", "Boxing Day";
}

/// The years jiff can represent; outside them there is no calendar.
const YEARS: std::ops::RangeInclusive<i16> = -9999..=9999;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm as given by
/// Meeus, "Astronomical Algorithms"). Meaningful from 1583, the first full Gregorian year.
///
/// # Panics
///
/// If `year` is outside -9999..=9999, the range of [`Date`].
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // `n` lies in 107..=149, so month is 3 or 4 and day 1..=31; both fit in i8.
    let (month, day) = ((n / 31) as i8, (n % 31 + 1) as i8);
    Date::new(year, month, day).expect("Easter Sunday of a year in -9999..=9999")
}

/// The statewide public holidays of `state` in `year`, sorted by date. Empty for years
/// outside -9999..=9999; see the module documentation for the years the rules cover.
pub fn holidays(state: FederalState, year: i16) -> Vec<Holiday> {
    if !YEARS.contains(&year) {
        return Vec::new();
    }
    let easter = easter_sunday(year);
    let after_easter = |days: i32| easter.saturating_add(days.days());
    let on = |month: i8, day: i8| date(year, month, day);
    let mut list = Vec::with_capacity(16);
    let mut add = |applies: bool, kind: &Kind, date: Date| {
        if applies {
            list.push(kind.on(date));
        }
    };

    add(true, &NEUJAHR, on(1, 1));
    let epiphany = matches!(state, BadenWuerttemberg | Bayern)
        // Feiertagsgesetz Sachsen-Anhalt: 6 January is a holiday since 1993.
        || (state == SachsenAnhalt && year >= 1993);
    add(epiphany, &HEILIGE_DREI_KOENIGE, on(1, 6));
    // Berlin: Feiertagsgesetz as amended in 2019; Mecklenburg-Vorpommern: from 2023.
    let womens_day = (state == Berlin && year >= 2019) || (state == MecklenburgVorpommern && year >= 2023);
    add(womens_day, &FRAUENTAG, on(3, 8));
    add(true, &KARFREITAG, after_easter(-2));
    // Brandenburg names Easter and Whit Sunday in its Feiertagsgesetz (§ 2 FTG Bbg). Other
    // states protect all Sundays (e.g. Hessen), which does not make them named holidays.
    add(state == Brandenburg, &OSTERSONNTAG, easter);
    add(true, &OSTERMONTAG, after_easter(1));
    add(true, &TAG_DER_ARBEIT, on(5, 1));
    // Berlin, one-off: 75th (2020) and 80th (2025) anniversary of the end of the war in
    // Europe, each by its own amendment of the Feiertagsgesetz.
    add(state == Berlin && matches!(year, 2020 | 2025), &TAG_DER_BEFREIUNG, on(5, 8));
    add(true, &CHRISTI_HIMMELFAHRT, after_easter(39));
    add(state == Brandenburg, &PFINGSTSONNTAG, after_easter(49));
    add(true, &PFINGSTMONTAG, after_easter(50));
    let corpus_christi =
        matches!(state, BadenWuerttemberg | Bayern | Hessen | NordrheinWestfalen | RheinlandPfalz | Saarland);
    add(corpus_christi, &FRONLEICHNAM, after_easter(60));
    add(state == Saarland, &MARIAE_HIMMELFAHRT, on(8, 15));
    // Thüringen: Weltkindertag since 2019.
    add(state == Thueringen && year >= 2019, &WELTKINDERTAG, on(9, 20));
    // Einigungsvertrag, Art. 2 Abs. 2.
    add(year >= 1990, &TAG_DER_DEUTSCHEN_EINHEIT, on(10, 3));
    add(reformation_day(state, year), &REFORMATIONSTAG, on(10, 31));
    let all_saints = matches!(state, BadenWuerttemberg | Bayern | NordrheinWestfalen | RheinlandPfalz | Saarland);
    add(all_saints, &ALLERHEILIGEN, on(11, 1));
    // Nationwide until 1994; from 1995 only Sachsen kept it (Pflege-Versicherungsgesetz).
    add(state == Sachsen || year <= 1994, &BUSS_UND_BETTAG, day_of_repentance(year));
    add(true, &ERSTER_WEIHNACHTSTAG, on(12, 25));
    add(true, &ZWEITER_WEIHNACHTSTAG, on(12, 26));

    // Stable: on a shared date the order above decides (Tag der Arbeit first).
    list.sort_by_key(|h| h.date);
    list
}

/// The public holiday of `state` on `date`, if any. On the rare days with two holidays
/// (see the module documentation) the first in [`holidays`] order is returned.
pub fn holiday_on(state: FederalState, date: Date) -> Option<Holiday> {
    holidays(state, date.year()).into_iter().find(|h| h.date == date)
}

fn reformation_day(state: FederalState, year: i16) -> bool {
    match state {
        // The new Länder kept the day from reunification on.
        Brandenburg | MecklenburgVorpommern | Sachsen | SachsenAnhalt | Thueringen => year >= 1990,
        // The 2017 one-off below, then made permanent by each state's parliament in 2018.
        Bremen | Hamburg | Niedersachsen | SchleswigHolstein => year >= 2017,
        // 500 years of the Reformation: a one-off holiday in every state.
        _ => year == 2017,
    }
}

/// Buß- und Bettag: the Wednesday before 23 November, so between 16 and 22 November.
fn day_of_repentance(year: i16) -> Date {
    let before = date(year, 11, 22);
    let back = before.weekday().since(Weekday::Wednesday);
    before.saturating_sub(i32::from(back).days())
}

#[cfg(test)]
mod tests;
