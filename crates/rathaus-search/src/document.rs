//! The engine's own input: a routable item (a service) as weighted text fields. The engine
//! knows nothing of the catalogue format; [`crate::catalog`] converts a catalogue into these.

/// What part of a service a text is; each kind has its own weight in the ranking
/// (see [`crate::Params`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The service's name.
    Name,
    /// One keyword or synonym ("Perso", "Nummernschild").
    Keyword,
    /// One typical request as citizens write it ("mein Ausweis ist abgelaufen").
    Phrasing,
    /// The one- or two-sentence summary.
    Summary,
    /// The long description.
    Description,
    /// Anything else worth finding (eligibility, documents, department and topic names).
    Other,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Name, Field::Keyword, Field::Phrasing, Field::Summary, Field::Description, Field::Other];

    pub fn index(self) -> usize {
        match self {
            Field::Name => 0,
            Field::Keyword => 1,
            Field::Phrasing => 2,
            Field::Summary => 3,
            Field::Description => 4,
            Field::Other => 5,
        }
    }
}

/// One service to route to. A field kind may occur many times (one entry per keyword);
/// every entry is one phrase for the bigram bonus, all entries of a kind together are the
/// field for length normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The service's slug.
    pub id: String,
    /// Key of the responsible department.
    pub department: String,
    pub fields: Vec<(Field, String)>,
}
