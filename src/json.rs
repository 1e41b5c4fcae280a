//! Reading and writing the crate's small JSON documents: the vendor's message, the session
//! server's answers and the bundle's options, as the types of [`crate::protocol`].
//!
//! Natively (tests, the server) this is `serde_json` through the types' serde derives. In the
//! browser it is the browser's own `JSON.parse` / `JSON.stringify`, and each type the browser
//! reads has a small explicit reader ([`FromJson`]) that looks its fields up with
//! `Reflect.get`: `serde_json` was a third of the wasm bundle, and serde's derived
//! deserialisation through serde-wasm-bindgen (with the number formatting its error messages
//! need) a sixth of what remained. Both parsers implement the JSON standard, and both keep the
//! last of duplicated keys, so every rule decides the same way on both; the browser tests run the
//! message rule and the wire types through the browser's parser.
//!
//! The browser's readers follow what serde does natively: a missing required field, a value of
//! the wrong type and an unknown enum name are errors (naming the field); optional fields take
//! `null` and a missing key alike; types that refuse unknown keys (`deny_unknown_fields`) name
//! the key and the known ones. A key whose value is `undefined` counts as absent, as in JSON.

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use serde::de::DeserializeOwned;

/// Why a JSON document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not JSON at all (truncated, stray characters, bad escapes or numbers).
    #[error("not valid JSON: {0}")]
    Syntax(String),
    /// Valid JSON of the wrong shape: a missing, unknown or mistyped field.
    #[error("{0}")]
    Shape(String),
}

/// A type [`from_str`] reads: natively any serde type.
#[cfg(not(target_arch = "wasm32"))]
pub trait FromJson: DeserializeOwned {}

#[cfg(not(target_arch = "wasm32"))]
impl<T: DeserializeOwned> FromJson for T {}

/// A type [`to_string`] writes: natively any serde type.
#[cfg(not(target_arch = "wasm32"))]
pub trait ToJson: Serialize {}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Serialize> ToJson for T {}

/// Decodes one JSON document into `T`.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text)
        .map_err(|e| if e.is_data() { JsonError::Shape(e.to_string()) } else { JsonError::Syntax(e.to_string()) })
}

/// Encodes `value` as compact JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: ToJson>(value: &T) -> Result<String, JsonError> {
    serde_json::to_string(value).map_err(|e| JsonError::Shape(e.to_string()))
}

#[cfg(target_arch = "wasm32")]
pub use self::js::{FromJson, ToJson, from_str, from_value, to_string};

/// The browser's side: `JSON.parse`, `JSON.stringify` and the explicit readers' building blocks.
#[cfg(target_arch = "wasm32")]
pub(crate) mod js {
    use wasm_bindgen::{JsCast, JsValue};

    use super::JsonError;

    /// A type the browser reads from a parsed JS value (`JSON.parse`'s result, or an options
    /// object), field by field.
    pub trait FromJson: Sized {
        /// Reads `value`; `at` is where it sits in the document (`""` for the whole document,
        /// `"texts"` for a nested object), for error messages.
        fn read(value: &JsValue, at: &str) -> Result<Self, JsonError>;
    }

    /// A type the browser writes as JSON: built as a JS value, then `JSON.stringify`.
    pub trait ToJson {
        /// The value as a plain JS object (or string, number...).
        fn to_js(&self) -> JsValue;
    }

    /// Decodes one JSON document into `T`.
    pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
        let value = js_sys::JSON::parse(text).map_err(|e| JsonError::Syntax(js_message(&e)))?;
        from_value(value)
    }

    /// Reads an already parsed JS value (an options object, a `fetch` body) into `T`.
    pub fn from_value<T: FromJson>(value: JsValue) -> Result<T, JsonError> {
        T::read(&value, "")
    }

    /// Encodes `value` as compact JSON.
    pub fn to_string<T: ToJson>(value: &T) -> Result<String, JsonError> {
        js_sys::JSON::stringify(&value.to_js()).map(String::from).map_err(|e| JsonError::Shape(js_message(&e)))
    }

    /// The message of a thrown JS error (`SyntaxError: Unexpected token ...`).
    fn js_message(error: &JsValue) -> String {
        js_sys::Error::from(error.clone()).message().into()
    }

    /// `at.key` (or `key` at the top): a field's place, for error messages.
    pub(crate) fn path(at: &str, key: &str) -> String {
        if at.is_empty() { key.to_owned() } else { [at, ".", key].concat() }
    }

    /// The error for a value at `at` that is not `expected` (`"a string"`).
    pub(crate) fn wrong_type(at: &str, expected: &str) -> JsonError {
        JsonError::Shape(["expected ", expected].concat()).within(at)
    }

    /// ``unknown field `key`, expected one of a, b``, as serde words it (after the place).
    fn unknown_field(at: &str, key: &str, known: &str) -> JsonError {
        JsonError::Shape(["unknown field `", key, "`, expected one of ", known].concat()).within(at)
    }

    /// The object at `at`, its fields read by name.
    pub(crate) struct Fields<'a> {
        object: &'a JsValue,
        at: &'a str,
    }

    impl<'a> Fields<'a> {
        /// `value` as an object (not an array, not null); other keys than the ones read are ignored.
        pub(crate) fn open(value: &'a JsValue, at: &'a str) -> Result<Self, JsonError> {
            if !value.is_object() || js_sys::Array::is_array(value) {
                return Err(wrong_type(at, "an object"));
            }
            Ok(Self { object: value, at })
        }

        /// [`Fields::open`], refusing any own key (whose value is not `undefined`) outside `known`.
        pub(crate) fn strict(value: &'a JsValue, at: &'a str, known: &[&str]) -> Result<Self, JsonError> {
            let fields = Self::open(value, at)?;
            fields.check_keys(|key| known.contains(&key), || known.join(", "))?;
            Ok(fields)
        }

        /// Refuses the first own key that `is_known` refuses (a key set to `undefined` is absent);
        /// `known` lists the known keys for the message.
        pub(crate) fn check_keys(
            &self,
            is_known: impl Fn(&str) -> bool,
            known: impl Fn() -> String,
        ) -> Result<(), JsonError> {
            for key in js_sys::Object::keys(self.object.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !is_known(&key) && !self.get(&key).is_undefined() {
                    return Err(unknown_field(self.at, &key, &known()));
                }
            }
            Ok(())
        }

        /// The value of `key`; `undefined` when absent (or when a getter throws).
        pub(crate) fn get(&self, key: &str) -> JsValue {
            js_sys::Reflect::get(self.object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        }

        /// `key`'s place, for messages.
        pub(crate) fn path(&self, key: &str) -> String {
            path(self.at, key)
        }

        /// `key`'s value read by `read`, `None` when it is missing, `undefined` or `null`.
        pub(crate) fn optional<T>(
            &self,
            key: &str,
            read: impl FnOnce(&JsValue, &str) -> Result<T, JsonError>,
        ) -> Result<Option<T>, JsonError> {
            let value = self.get(key);
            if value.is_undefined() || value.is_null() { Ok(None) } else { read(&value, &self.path(key)).map(Some) }
        }

        /// `key`'s value read by `read`; an error when it is missing or `undefined` (`null` is
        /// `read`'s to judge, as a wrong type).
        pub(crate) fn required<T>(
            &self,
            key: &str,
            read: impl FnOnce(&JsValue, &str) -> Result<T, JsonError>,
        ) -> Result<T, JsonError> {
            let value = self.get(key);
            if value.is_undefined() {
                return Err(JsonError::Shape(["missing field `", key, "`"].concat()).within(self.at));
            }
            read(&value, &self.path(key))
        }
    }

    impl JsonError {
        /// The error, placed at `at` (nothing when `at` is the top).
        fn within(self, at: &str) -> Self {
            match self {
                JsonError::Shape(message) if !at.is_empty() => JsonError::Shape([at, ": ", &message].concat()),
                other => other,
            }
        }
    }

    /// A string.
    pub(crate) fn string(value: &JsValue, at: &str) -> Result<String, JsonError> {
        value.as_string().ok_or_else(|| wrong_type(at, "a string"))
    }

    /// Any number.
    pub(crate) fn number(value: &JsValue, at: &str) -> Result<f64, JsonError> {
        value.as_f64().ok_or_else(|| wrong_type(at, "a number"))
    }

    /// A whole number from 0 to 2^53 - 1, as serde-wasm-bindgen read a `u64` from a JS number
    /// (`Number.isSafeInteger` and not negative): a fraction, a negative number or one past
    /// JavaScript's exact integers is refused rather than rounded. (`JSON.parse` never makes
    /// the BigInts serde-wasm-bindgen also took.)
    pub(crate) fn whole_number(value: &JsValue, at: &str) -> Result<u64, JsonError> {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        match value.as_f64() {
            Some(n) if (0.0..=MAX_SAFE).contains(&n) && n.fract() == 0.0 => Ok(n as u64),
            _ => Err(wrong_type(at, "a whole number from 0 to 2^53 - 1")),
        }
    }

    /// One of an enum's wire `names` (a string naming a unit variant, as serde reads it).
    pub(crate) fn variant<T: Copy>(value: &JsValue, at: &str, names: &[(&str, T)]) -> Result<T, JsonError> {
        let name = string(value, at)?;
        match names.iter().find(|(wire, _)| *wire == name) {
            Some((_, variant)) => Ok(*variant),
            None => {
                let known: Vec<&str> = names.iter().map(|(wire, _)| *wire).collect();
                Err(JsonError::Shape(["unknown variant `", &name, "`, expected one of ", &known.join(", ")].concat())
                    .within(at))
            }
        }
    }

    /// A plain JS object of the `(key, value)` pairs whose value is `Some` (for [`ToJson`]).
    pub(crate) fn object(fields: &[(&str, Option<JsValue>)]) -> JsValue {
        let object = js_sys::Object::new();
        for (key, value) in fields {
            if let Some(value) = value {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
            }
        }
        object.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{ResultResponse, SessionRequest, SessionResponse};

    #[test]
    fn reads_what_the_server_writes() {
        let session: SessionResponse = from_str(
            r#"{"signatureId":"abc123","url":"https://liveness.advance.ai/h5?t=a\u0026b","livenessOrigin":"https://liveness.advance.ai","expiresAt":1700000000000}"#,
        )
        .unwrap();
        assert_eq!(session.url, "https://liveness.advance.ai/h5?t=a&b");
        assert_eq!(session.expires_at, 1_700_000_000_000);
        let result: ResultResponse =
            from_str(r#" {"status":"passed","score":97.5,"attackType":null,"code":"SUCCESS"} "#).unwrap();
        assert_eq!(result.score, Some(97.5));
        assert_eq!(result.code.as_deref(), Some("SUCCESS"));
    }

    #[test]
    fn tells_broken_json_from_the_wrong_shape() {
        assert!(matches!(from_str::<ResultResponse>(r#"{"status":"passed""#), Err(JsonError::Syntax(_))));
        assert!(matches!(from_str::<ResultResponse>(r#"{"status":"passed"} x"#), Err(JsonError::Syntax(_))));
        assert!(matches!(from_str::<ResultResponse>(r#"{"status":"won"}"#), Err(JsonError::Shape(_))));
        let typo = from_str::<SessionRequest>(r#"{"userid":"u1"}"#).unwrap_err();
        assert!(typo.to_string().contains("userid"), "{typo}");
    }

    // SESSION_REQUESTS, SESSION_RESPONSES, RESULTS, ERRORS and TEXTS, shared with the browser
    // tests, and the check both run (`check_wire_documents`, which names these).
    use crate::json;
    use crate::protocol::ErrorResponse;
    use crate::texts::Texts;
    include!("../tests/cases/wire_documents.rs");

    #[test]
    fn documents_are_read_or_refused_as_the_shared_cases_say() {
        check_wire_documents();
    }

    #[test]
    fn writes_what_the_server_reads() {
        let request = SessionRequest { user_id: Some("\"quoted\"\n".into()), ..Default::default() };
        let json = to_string(&request).unwrap();
        assert_eq!(json, r#"{"userId":"\"quoted\"\n"}"#);
        assert_eq!(from_str::<SessionRequest>(&json).unwrap(), request);
    }
}
