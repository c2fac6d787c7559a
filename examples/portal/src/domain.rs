//! The rules the portal applies, all from the core: the catalog, the
//! working-day calendar and deadline limits, the topic dictionary and the
//! classifier model (the district's, when it has trained one).

use lianjian::demand::{Calendar, Classifier, DeadlinePolicy, Dictionary, Model, Rules};
use lianjian::{Catalog, Lang};

/// What the lifecycle and the reports need; shared by every request.
#[derive(Debug)]
pub struct Domain {
    /// Working days (weekends, public holidays, make-up days).
    pub calendar: Calendar,
    /// Working-day limits per kind of demand.
    pub deadlines: DeadlinePolicy,
    /// The district's classifier model, used instead of the built-in one.
    pub model: Option<Model>,
}

impl Default for Domain {
    fn default() -> Self {
        Domain {
            calendar: Calendar::china(),
            deadlines: DeadlinePolicy::default(),
            model: None,
        }
    }
}

impl Domain {
    /// The built-in rules with published holiday schedules loaded from
    /// files (one year a file); the first file that does not load is the error.
    pub fn with_holidays(files: &[std::path::PathBuf]) -> Result<Domain, String> {
        let mut domain = Domain::default();
        for file in files {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("--holidays {}: {e}", file.display()))?;
            domain
                .calendar
                .load_year(&text)
                .map_err(|e| format!("--holidays {}: {e}", file.display()))?;
        }
        Ok(domain)
    }

    /// The same rules with the district's classifier model read from `file`
    /// (the file `lianjian classify --train` writes); an error names the file.
    pub fn with_classifier(mut self, file: Option<&std::path::Path>) -> Result<Domain, String> {
        if let Some(file) = file {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("--classifier {}: {e}", file.display()))?;
            let model = Model::from_text(&text)
                .and_then(|model| {
                    model.check_departments(self.dictionary())?;
                    Ok(model)
                })
                .map_err(|e| format!("--classifier {}: {e}", file.display()))?;
            self.model = Some(model);
        }
        Ok(self)
    }

    /// The classifier demands are routed with: the dictionary with the
    /// district's model, else the built-in model.
    pub fn classifier(&self) -> Classifier<'_> {
        let builtin = Dictionary::builtin_classifier();
        match &self.model {
            Some(model) => builtin.with_model(model),
            None => builtin.clone(),
        }
    }

    /// The lifecycle rules: assignments must name a department of the dictionary.
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            calendar: &self.calendar,
            deadlines: self.deadlines,
            dictionary: Some(self.dictionary()),
        }
    }

    /// The topic dictionary (built in).
    pub fn dictionary(&self) -> &'static Dictionary {
        Dictionary::builtin()
    }

    /// The catalog of chains (built in: Yantian's four).
    pub fn catalog(&self) -> &'static Catalog {
        Catalog::yantian()
    }

    /// A department's display name, or its id when unknown.
    pub fn department_name(&self, id: &str, lang: Lang) -> String {
        self.dictionary()
            .department(id)
            .map_or_else(|| id.to_owned(), |d| d.name.get(lang).to_owned())
    }

    /// A topic's display name, or its id when unknown.
    pub fn topic_name(&self, id: &str, lang: Lang) -> String {
        self.dictionary()
            .topic(id)
            .map_or_else(|| id.to_owned(), |t| t.name.get(lang).to_owned())
    }

    /// A chain's display name, or its id when unknown.
    pub fn chain_name(&self, id: &str, lang: Lang) -> String {
        self.catalog()
            .chain(id)
            .map_or_else(|| id.to_owned(), |c| c.name.get(lang).to_owned())
    }

    /// The topic of a demand: as chosen, or else the classifier's suggestion.
    pub fn topic_of(&self, demand: &lianjian::demand::Demand) -> String {
        demand.topic.clone().unwrap_or_else(|| {
            self.classifier()
                .classify(&demand.title, &demand.description)
                .topic
        })
    }
}
