use super::*;
use crate::federal_state::ALL;
use proptest::prelude::*;

fn keys(state: FederalState, year: i16) -> Vec<&'static str> {
    holidays(state, year).iter().map(|h| h.key).collect()
}

fn has(state: FederalState, d: Date, key: &str) -> bool {
    holidays(state, d.year()).iter().any(|h| h.date == d && h.key == key)
}

#[test]
fn easter_sundays_of_known_years() {
    for (year, month, day) in [
        (1818, 3, 22), // earliest possible
        (1943, 4, 25), // latest possible
        (1990, 4, 15),
        (2000, 4, 23),
        (2008, 3, 23),
        (2011, 4, 24),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
        (2100, 3, 28),
        (2285, 3, 22),
    ] {
        assert_eq!(easter_sunday(year), date(year, month, day), "{year}");
    }
}

/// Oudin's algorithm (1940), an independent formulation of the Gregorian computus.
fn easter_oudin(year: i16) -> Date {
    let y = i32::from(year);
    let c = y / 100;
    let n = y % 19;
    let k = (c - 17) / 25;
    let mut i = c - c / 4 - (c - k) / 3 + 19 * n + 15;
    i %= 30;
    i -= (i / 28) * (1 - (i / 28) * (29 / (i + 1)) * ((21 - n) / 11));
    let j = (y + y / 4 + i + 2 - c + c / 4) % 7;
    let l = i - j;
    let month = 3 + (l + 40) / 44;
    let day = l + 28 - 31 * (month / 4);
    date(year, month as i8, day as i8)
}

#[test]
fn easter_agrees_with_oudin_for_every_gregorian_year() {
    for year in 1583..=9999 {
        let easter = easter_sunday(year);
        assert_eq!(easter, easter_oudin(year), "{year}");
        assert_eq!(easter.weekday(), Weekday::Sunday);
        assert!((date(year, 3, 22)..=date(year, 4, 25)).contains(&easter), "{year}");
    }
}

#[test]
fn counts_per_state_and_year() {
    for (state, year, count) in [
        // Mariä Himmelfahrt is not statewide in Bayern, so 12 rather than the often quoted 13.
        (Bayern, 2026, 12),
        (Bayern, 2017, 13),
        (BadenWuerttemberg, 2026, 12),
        (Berlin, 2018, 9),
        (Berlin, 2019, 10),
        (Berlin, 2025, 11),
        (Berlin, 2026, 10),
        (Brandenburg, 2026, 12),
        (Bremen, 2016, 9),
        (Bremen, 2017, 10),
        (Hamburg, 2026, 10),
        (Hessen, 2026, 10),
        (MecklenburgVorpommern, 2022, 10),
        (MecklenburgVorpommern, 2023, 11),
        (Niedersachsen, 2026, 10),
        (NordrheinWestfalen, 2026, 11),
        (RheinlandPfalz, 2026, 11),
        (Saarland, 2026, 12),
        (Sachsen, 2026, 11),
        (SachsenAnhalt, 1992, 11),
        (SachsenAnhalt, 1993, 12),
        (SachsenAnhalt, 2026, 11),
        (SchleswigHolstein, 2026, 10),
        (Thueringen, 2018, 10),
        (Thueringen, 2026, 11),
        (NordrheinWestfalen, 1994, 12),
        (NordrheinWestfalen, 1995, 11),
    ] {
        assert_eq!(holidays(state, year).len(), count, "{state:?} {year}: {:?}", keys(state, year));
    }
}

#[test]
fn bayern_2026_in_full() {
    let expected = [
        ((1, 1), "neujahr"),
        ((1, 6), "heilige-drei-koenige"),
        ((4, 3), "karfreitag"),
        ((4, 6), "ostermontag"),
        ((5, 1), "tag-der-arbeit"),
        ((5, 14), "christi-himmelfahrt"),
        ((5, 25), "pfingstmontag"),
        ((6, 4), "fronleichnam"),
        ((10, 3), "tag-der-deutschen-einheit"),
        ((11, 1), "allerheiligen"),
        ((12, 25), "erster-weihnachtstag"),
        ((12, 26), "zweiter-weihnachtstag"),
    ];
    let actual: Vec<_> = holidays(Bayern, 2026).iter().map(|h| ((h.date.month(), h.date.day()), h.key)).collect();
    assert_eq!(actual, expected);
    assert!(holiday_on(Bayern, date(2026, 8, 15)).is_none());
    assert_eq!(holiday_on(Saarland, date(2026, 8, 15)).unwrap().key, "mariae-himmelfahrt");
}

#[test]
fn day_of_repentance_is_the_wednesday_before_23_november() {
    for (year, day) in [(2022, 16), (2023, 22), (2024, 20), (2025, 19), (2026, 18)] {
        assert!(has(Sachsen, date(year, 11, day), "buss-und-bettag"), "{year}");
        assert!(!has(Bayern, date(year, 11, day), "buss-und-bettag"), "{year}");
    }
    // Still a holiday everywhere until 1994.
    assert!(has(Hamburg, date(1994, 11, 16), "buss-und-bettag"));
    assert!(!keys(Hamburg, 1995).contains(&"buss-und-bettag"));
}

#[test]
fn reformation_day() {
    for state in ALL {
        assert!(has(state, date(2017, 10, 31), "reformationstag"), "{state:?}");
    }
    for state in [Bremen, Hamburg, Niedersachsen, SchleswigHolstein] {
        assert!(!has(state, date(2016, 10, 31), "reformationstag"));
        assert!(has(state, date(2018, 10, 31), "reformationstag"));
    }
    for state in [Brandenburg, MecklenburgVorpommern, Sachsen, SachsenAnhalt, Thueringen] {
        assert!(has(state, date(1990, 10, 31), "reformationstag"));
    }
    for state in [Bayern, Berlin, Hessen, NordrheinWestfalen] {
        assert!(!has(state, date(2018, 10, 31), "reformationstag"));
    }
}

#[test]
fn womens_day_childrens_day_and_liberation_day() {
    assert!(!has(Berlin, date(2018, 3, 8), "frauentag"));
    assert!(has(Berlin, date(2019, 3, 8), "frauentag"));
    assert!(!has(MecklenburgVorpommern, date(2022, 3, 8), "frauentag"));
    assert!(has(MecklenburgVorpommern, date(2023, 3, 8), "frauentag"));
    assert!(!has(Brandenburg, date(2026, 3, 8), "frauentag"));

    assert!(!has(Thueringen, date(2018, 9, 20), "weltkindertag"));
    assert!(has(Thueringen, date(2019, 9, 20), "weltkindertag"));
    assert!(!has(Sachsen, date(2019, 9, 20), "weltkindertag"));

    assert!(has(Berlin, date(2020, 5, 8), "tag-der-befreiung"));
    assert!(has(Berlin, date(2025, 5, 8), "tag-der-befreiung"));
    assert!(!has(Berlin, date(2026, 5, 8), "tag-der-befreiung"));
    assert!(!has(Brandenburg, date(2025, 5, 8), "tag-der-befreiung"));
    assert!(holiday_on(Berlin, date(2028, 6, 17)).is_none());
}

#[test]
fn brandenburg_names_easter_and_whit_sunday() {
    assert!(has(Brandenburg, date(2026, 4, 5), "ostersonntag"));
    assert!(has(Brandenburg, date(2026, 5, 24), "pfingstsonntag"));
    assert!(!has(Hessen, date(2026, 4, 5), "ostersonntag"));
}

#[test]
fn two_holidays_on_one_day() {
    let on_may_day: Vec<_> = holidays(Hessen, 2008).into_iter().filter(|h| h.date == date(2008, 5, 1)).collect();
    assert_eq!(on_may_day.iter().map(|h| h.key).collect::<Vec<_>>(), ["tag-der-arbeit", "christi-himmelfahrt"]);
    assert_eq!(holiday_on(Hessen, date(2008, 5, 1)).unwrap().key, "tag-der-arbeit");
}

#[test]
fn names_by_language() {
    let h = holiday_on(Berlin, date(2026, 12, 26)).unwrap();
    assert_eq!(h.name(Language::De), "2. Weihnachtstag");
    assert_eq!(h.name(Language::En), "Boxing Day");
}

#[test]
fn years_without_a_calendar() {
    assert!(holidays(Bayern, 10_000).is_empty());
    assert!(holidays(Bayern, i16::MIN).is_empty());
    assert_eq!(holidays(Bayern, 9999).len(), 12);
}

const NATIONWIDE: [&str; 9] = [
    "neujahr",
    "karfreitag",
    "ostermontag",
    "tag-der-arbeit",
    "christi-himmelfahrt",
    "pfingstmontag",
    "tag-der-deutschen-einheit",
    "erster-weihnachtstag",
    "zweiter-weihnachtstag",
];

/// Exhaustive rather than sampled: every state and every year of 1991..=2200.
#[test]
fn every_list_is_sane_1991_to_2200() {
    for year in 1991..=2200 {
        let easter = easter_sunday(year);
        for state in ALL {
            let list = holidays(state, year);
            for key in NATIONWIDE {
                assert!(list.iter().any(|h| h.key == key), "{state:?} {year} {key}");
            }
            assert!(has(state, easter.checked_sub(2.days()).unwrap(), "karfreitag"));
            assert!(has(state, easter.checked_add(50.days()).unwrap(), "pfingstmontag"));
            assert!(list.iter().all(|h| h.date.year() == year));
            assert!(list.windows(2).all(|w| w[0].date <= w[1].date), "sorted");
            let mut keys: Vec<_> = list.iter().map(|h| h.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), list.len(), "keys unique");
            // Dates are unique, except when Ascension falls on 1 May.
            let shared = list.windows(2).filter(|w| w[0].date == w[1].date).count();
            let ascension_on_may_day = easter == date(year, 3, 23);
            assert_eq!(shared, usize::from(ascension_on_may_day), "{state:?} {year}");
            for h in &list {
                assert_eq!(holiday_on(state, h.date).map(|o| o.date), Some(h.date));
            }
        }
    }
}

fn any_state() -> impl Strategy<Value = FederalState> {
    prop::sample::select(ALL.to_vec())
}

proptest! {
    #[test]
    fn any_representable_year_has_a_sorted_calendar(state in any_state(), year in -9999i16..=9999) {
        let list = holidays(state, year);
        prop_assert!(list.len() >= 8);
        prop_assert!(list.iter().all(|h| h.date.year() == year));
        prop_assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert_eq!(easter_sunday(year).weekday(), Weekday::Sunday);
    }

    #[test]
    fn holiday_on_agrees_with_the_list(state in any_state(), year in 1990i16..=2200, ordinal in 1i16..=365) {
        let d = date(year, 1, 1).with().day_of_year_no_leap(ordinal).build().unwrap();
        let listed = holidays(state, year).into_iter().find(|h| h.date == d);
        prop_assert_eq!(holiday_on(state, d), listed);
    }
}
