//! Supervisors' figures over ended tickets: waiting time (queued → called), service time
//! (started → finished) and the no-show rate, grouped by place, service, counter and hour
//! of the day. Pure: takes the rows, returns the table.

use std::collections::BTreeMap;

/// One ended ticket as the statistics see it.
#[derive(Debug, Clone)]
pub struct Ended {
    pub place: String,
    pub counter: Option<String>,
    pub services: Vec<String>,
    /// Local hour of the check-in, 0–23.
    pub hour: u8,
    pub no_show: bool,
    pub wait_secs: Option<i64>,
    pub service_secs: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Place,
    Service,
    Counter,
    Hour,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [Dimension::Place, Dimension::Service, Dimension::Counter, Dimension::Hour];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Place => "place",
            Dimension::Service => "service",
            Dimension::Counter => "counter",
            Dimension::Hour => "hour",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub tickets: usize,
    pub no_shows: usize,
    pub mean_wait_minutes: Option<f64>,
    pub mean_service_minutes: Option<f64>,
}

impl Figures {
    pub fn no_show_rate(&self) -> f64 {
        if self.tickets == 0 { 0.0 } else { self.no_shows as f64 / self.tickets as f64 }
    }
}

#[derive(Default)]
struct Sums {
    tickets: usize,
    no_shows: usize,
    wait: (i64, usize),
    service: (i64, usize),
}

impl Sums {
    fn add(&mut self, e: &Ended) {
        self.tickets += 1;
        self.no_shows += usize::from(e.no_show);
        if let Some(w) = e.wait_secs.filter(|w| *w >= 0) {
            self.wait = (self.wait.0 + w, self.wait.1 + 1);
        }
        if let Some(s) = e.service_secs.filter(|s| *s >= 0 && !e.no_show) {
            self.service = (self.service.0 + s, self.service.1 + 1);
        }
    }

    fn figures(&self) -> Figures {
        let mean = |(sum, n): (i64, usize)| (n > 0).then(|| sum as f64 / n as f64 / 60.0);
        Figures {
            tickets: self.tickets,
            no_shows: self.no_shows,
            mean_wait_minutes: mean(self.wait),
            mean_service_minutes: mean(self.service),
        }
    }
}

/// Figures per dimension and key (keys sorted; hours as `08`, `09`, …). A ticket with
/// several services counts once for each of them.
pub fn figures(rows: &[Ended]) -> BTreeMap<Dimension, Vec<(String, Figures)>> {
    let mut sums: BTreeMap<Dimension, BTreeMap<String, Sums>> = BTreeMap::new();
    for e in rows {
        let mut keys = vec![(Dimension::Place, e.place.clone()), (Dimension::Hour, format!("{:02}", e.hour))];
        if let Some(c) = &e.counter {
            keys.push((Dimension::Counter, c.clone()));
        }
        keys.extend(e.services.iter().map(|s| (Dimension::Service, s.clone())));
        for (dimension, key) in keys {
            sums.entry(dimension).or_default().entry(key).or_default().add(e);
        }
    }
    Dimension::ALL
        .into_iter()
        .map(|d| {
            let rows = sums.remove(&d).unwrap_or_default().into_iter().map(|(k, s)| (k, s.figures())).collect();
            (d, rows)
        })
        .collect()
}

/// All rows together.
pub fn total(rows: &[Ended]) -> Figures {
    let mut sums = Sums::default();
    for e in rows {
        sums.add(e);
    }
    sums.figures()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ended(service: &str, hour: u8, no_show: bool, wait: i64, service_secs: i64) -> Ended {
        Ended {
            place: "Mitte".into(),
            counter: Some("Schalter 1".into()),
            services: vec![service.into()],
            hour,
            no_show,
            wait_secs: Some(wait),
            service_secs: (!no_show).then_some(service_secs),
        }
    }

    #[test]
    fn groups_and_means() {
        let rows = [
            ended("Ausweis", 8, false, 600, 300),
            ended("Ausweis", 8, false, 1200, 900),
            ended("Meldung", 9, true, 300, 0),
        ];
        let f = figures(&rows);
        let by_service = &f[&Dimension::Service];
        assert_eq!(by_service[0].0, "Ausweis");
        assert_eq!(by_service[0].1.tickets, 2);
        assert_eq!(by_service[0].1.mean_wait_minutes, Some(15.0));
        assert_eq!(by_service[0].1.mean_service_minutes, Some(10.0));
        assert_eq!(by_service[1].1.no_shows, 1);
        assert_eq!(by_service[1].1.mean_service_minutes, None, "a no-show has no service time");
        let by_hour = &f[&Dimension::Hour];
        assert_eq!(by_hour.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["08", "09"]);
        let all = total(&rows);
        assert_eq!(all.tickets, 3);
        assert!((all.no_show_rate() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn empty_input_gives_empty_groups() {
        let f = figures(&[]);
        assert!(f.values().all(|v| v.is_empty()));
        assert_eq!(total(&[]).mean_wait_minutes, None);
    }
}
