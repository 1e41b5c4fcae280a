//! Reading and writing the crate's small JSON documents: the vendor's message, the session
//! server's answers and the bundle's options, all through the serde types of [`crate::protocol`].
//!
//! Natively (tests, the server) this is `serde_json`. In the browser it is the browser's own
//! `JSON.parse` / `JSON.stringify` with `serde-wasm-bindgen` reading the parsed value into the
//! same types: `serde_json` alone was a third of the wasm bundle. Both parsers implement the JSON
//! standard, and both keep the last of duplicated keys, so every rule decides the same way on
//! both; the browser tests run the message rule through the browser's parser. One difference:
//! serde-wasm-bindgen does not see keys a struct lacks, so where a typo must be an error (the
//! bundle's options) the browser build calls [`check_fields`] first.

use serde::Serialize;
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

/// Decodes one JSON document into `T`.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text)
        .map_err(|e| if e.is_data() { JsonError::Shape(e.to_string()) } else { JsonError::Syntax(e.to_string()) })
}

/// Encodes `value` as compact JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, JsonError> {
    serde_json::to_string(value).map_err(|e| JsonError::Shape(e.to_string()))
}

/// Decodes one JSON document into `T`.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|e| JsonError::Syntax(js_message(&e)))?;
    from_value(value)
}

/// Reads an already parsed JS value (an options object, a `fetch` body) into `T`.
#[cfg(target_arch = "wasm32")]
pub fn from_value<T: DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, JsonError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsonError::Shape(e.to_string()))
}

/// Refuses keys of the object `value` that the struct `T` does not have (a typo in an option).
///
/// serde-wasm-bindgen reads a struct by looking up only the fields it knows, so
/// `#[serde(deny_unknown_fields)]` never sees a typo: this checks the object's own keys against
/// the fields serde would read. Keys whose value is `undefined` count as absent, as in JSON.
/// Anything but an object passes: reading it as `T` reports the wrong type.
#[cfg(target_arch = "wasm32")]
pub fn check_fields<T: DeserializeOwned>(value: &wasm_bindgen::JsValue) -> Result<(), JsonError> {
    use wasm_bindgen::JsCast;
    if !value.is_object() {
        return Ok(());
    }
    let fields = struct_fields::<T>();
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        let present = js_sys::Reflect::get(value, &key.as_str().into()).is_ok_and(|v| !v.is_undefined());
        if present && !fields.contains(&key.as_str()) {
            return Err(JsonError::Shape(format!("unknown field `{key}`, expected one of {}", fields.join(", "))));
        }
    }
    Ok(())
}

/// The field names `T`'s derived `Deserialize` passes to `deserialize_struct` (none for other types).
#[cfg(target_arch = "wasm32")]
fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::value::Error;

    /// A deserializer that only records the field list it is asked for.
    struct Probe<'a>(&'a std::cell::Cell<&'static [&'static str]>);

    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(serde::de::Error::custom("probe"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            self.0.set(fields);
            Err(serde::de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }

    let fields = std::cell::Cell::new(&[][..]);
    let _ = T::deserialize(Probe(&fields));
    fields.get()
}

/// Encodes `value` as compact JSON.
#[cfg(target_arch = "wasm32")]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, JsonError> {
    let value = serde_wasm_bindgen::to_value(value).map_err(|e| JsonError::Shape(e.to_string()))?;
    js_sys::JSON::stringify(&value).map(String::from).map_err(|e| JsonError::Shape(js_message(&e)))
}

/// The message of a thrown JS error (`SyntaxError: Unexpected token ...`).
#[cfg(target_arch = "wasm32")]
fn js_message(error: &wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(error.clone()).message().into()
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

    #[test]
    fn writes_what_the_server_reads() {
        let request = SessionRequest { user_id: Some("\"quoted\"\n".into()), ..Default::default() };
        let json = to_string(&request).unwrap();
        assert_eq!(json, r#"{"userId":"\"quoted\"\n"}"#);
        assert_eq!(from_str::<SessionRequest>(&json).unwrap(), request);
    }
}
