//! The languages the check speaks, and which one a user gets.
//!
//! English is built in; every other [`Locale`] is a pack of [`Texts`](crate::texts::Texts) in JSON
//! (`locales/<tag>.json`), loaded only when chosen. [`negotiate`] picks the first preferred tag
//! (the `locale` option, else the page's `lang`, else `navigator.languages`) that a pack serves:
//!
//! - by language, whatever the region: `id-ID`, `ar-EG`, `es-MX`, `hi-IN` and `en-GB` get their
//!   language's pack; the old code `in` is Indonesian and `tl` (Tagalog) is Filipino;
//! - Chinese by script: `Hant` is Traditional, `Hans` Simplified; without a script, the region
//!   decides (`TW`, `HK` and `MO` write Traditional, every other region and none Simplified);
//! - Portuguese: the pack is Brazilian, so it serves `pt-BR` and a bare `pt`, but not `pt-PT`
//!   or another region (European and African Portuguese spell and say things differently; the
//!   user gets their next preference, or English). A bare `pt` that follows such a tag in the
//!   same list (browsers add it: `pt-PT, pt, en`) is that region's too, and is skipped;
//! - anything else, an empty or malformed tag included, is no match; with no match at all, English.

use std::fmt;
use std::str::FromStr;

/// A language the check has texts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (built in).
    #[default]
    En,
    /// Indonesian.
    Id,
    /// Malay.
    Ms,
    /// Thai.
    Th,
    /// Vietnamese.
    Vi,
    /// Filipino.
    Fil,
    /// Chinese, Simplified script.
    ZhHans,
    /// Chinese, Traditional script.
    ZhHant,
    /// Hindi.
    Hi,
    /// Spanish (neutral Latin American).
    Es,
    /// Brazilian Portuguese.
    PtBr,
    /// Arabic (right to left).
    Ar,
}

impl Locale {
    /// Every locale, English first.
    pub const ALL: [Locale; 12] = [
        Locale::En,
        Locale::Id,
        Locale::Ms,
        Locale::Th,
        Locale::Vi,
        Locale::Fil,
        Locale::ZhHans,
        Locale::ZhHant,
        Locale::Hi,
        Locale::Es,
        Locale::PtBr,
        Locale::Ar,
    ];

    /// Its BCP 47 tag, which also names its pack (`locales/<tag>.json`).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Id => "id",
            Locale::Ms => "ms",
            Locale::Th => "th",
            Locale::Vi => "vi",
            Locale::Fil => "fil",
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::Hi => "hi",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ar => "ar",
        }
    }

    /// Its name in its own language, for a language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Id => "Bahasa Indonesia",
            Locale::Ms => "Bahasa Melayu",
            Locale::Th => "ไทย",
            Locale::Vi => "Tiếng Việt",
            Locale::Fil => "Filipino",
            Locale::ZhHans => "简体中文",
            Locale::ZhHant => "繁體中文",
            Locale::Hi => "हिन्दी",
            Locale::Es => "Español",
            Locale::PtBr => "Português (Brasil)",
            Locale::Ar => "العربية",
        }
    }

    /// Whether it is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Locale::Ar
    }

    /// The locale serving `tag`, if one does (the rules are in the module documentation).
    pub fn for_tag(tag: &str) -> Option<Locale> {
        Tag::parse(tag)?.serves()
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A tag no locale serves.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no locale pack serves `{0}`")]
pub struct UnsupportedLocale(pub String);

impl FromStr for Locale {
    type Err = UnsupportedLocale;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Locale::for_tag(tag).ok_or_else(|| UnsupportedLocale(tag.to_owned()))
    }
}

/// The locale for a user's preferences, most preferred first: the first a pack serves, else
/// English.
pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
    // Languages asked for in a region no pack serves (`pt-PT`): a later bare `pt` means that too.
    let mut regional: Vec<String> = Vec::new();
    for preference in preferences {
        let Some(tag) = Tag::parse(preference) else { continue };
        match tag.serves() {
            Some(_) if !tag.has_region && regional.contains(&tag.language) => {}
            Some(locale) => return locale,
            None if tag.has_region && tag.language == "pt" => regional.push(tag.language),
            None => {}
        }
    }
    Locale::En
}

/// The parts of a BCP 47 tag that choose a pack, lower-cased.
#[derive(Debug, PartialEq, Eq)]
struct Tag {
    language: String,
    script: Option<String>,
    region: Option<String>,
    has_region: bool,
}

impl Tag {
    /// `language[-script][-region][-anything else]`, `-` or `_` between subtags; `None` if it is
    /// not shaped like that.
    fn parse(tag: &str) -> Option<Tag> {
        let lower = tag.trim().to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        let language = subtags.next().filter(|l| (2..=3).contains(&l.len()) && is_alpha(l))?.to_owned();
        let (mut script, mut region) = (None, None);
        for subtag in subtags {
            let (length, alpha) = (subtag.len(), is_alpha(subtag));
            if script.is_none() && region.is_none() && length == 4 && alpha {
                script = Some(subtag.to_owned());
            } else if region.is_none() && ((length == 2 && alpha) || (length == 3 && is_digits(subtag))) {
                region = Some(subtag.to_owned());
            } else if !(1..=8).contains(&length) || !subtag.bytes().all(|b| b.is_ascii_alphanumeric()) {
                // Variants and extensions do not choose a pack, but must be well formed.
                return None;
            }
        }
        let has_region = region.is_some();
        Some(Tag { language, script, region, has_region })
    }

    /// The locale serving this tag, if any.
    fn serves(&self) -> Option<Locale> {
        let region = self.region.as_deref();
        Some(match self.language.as_str() {
            "en" => Locale::En,
            "id" | "in" => Locale::Id,
            "ms" => Locale::Ms,
            "th" => Locale::Th,
            "vi" => Locale::Vi,
            "fil" | "tl" => Locale::Fil,
            "hi" => Locale::Hi,
            "es" => Locale::Es,
            "ar" => Locale::Ar,
            "zh" => match (self.script.as_deref(), region) {
                (Some("hant"), _) | (None, Some("tw" | "hk" | "mo")) => Locale::ZhHant,
                (Some("hans") | None, _) => Locale::ZhHans,
                (Some(_), _) => return None,
            },
            // The pack is Brazilian: not for Portugal or another region.
            "pt" if matches!(region, None | Some("br")) => Locale::PtBr,
            _ => return None,
        })
    }
}

fn is_alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Tags and lists of preferences: tests/locale_matching.rs, on the table the JS bundle is
    // checked against too (tests/cases/locale_tags.json).

    #[test]
    fn tags_name_their_packs_and_parse_back() {
        for locale in Locale::ALL {
            assert_eq!(locale.tag().parse::<Locale>(), Ok(locale));
        }
        assert_eq!(Locale::ALL.iter().filter(|l| l.is_rtl()).collect::<Vec<_>>(), [&Locale::Ar]);
        assert_eq!("pt-PT".parse::<Locale>(), Err(UnsupportedLocale("pt-PT".into())));
    }
}
