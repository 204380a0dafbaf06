//! Spec files shipped in the repository parse, validate and round-trip; invalid specs name the
//! offending path.

use caselink::linker::Linker;
use caselink::spec::LinkageSpec;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn shipped_specs_are_valid_and_round_trip() {
    let files = [root().join("examples/febrl/spec.json"), root().join("testdata/spec/three_source.json")];
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let spec = LinkageSpec::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(LinkageSpec::from_json(&spec.to_json()).unwrap(), spec);
        let toml_text = toml::to_string(&spec).unwrap();
        assert_eq!(LinkageSpec::from_toml(&toml_text).unwrap(), spec);
        let linker = Linker::new(spec.clone()).unwrap();
        assert_eq!(linker.comparison_names().len(), spec.comparisons.len());
    }
}

#[test]
fn invalid_specs_name_the_path() {
    let text = std::fs::read_to_string(root().join("testdata/spec/invalid.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    for c in doc["case"].as_array().unwrap() {
        let input = c["input"].as_str().unwrap();
        let path = c["path"].as_str().unwrap();
        let e = LinkageSpec::from_json(input).unwrap_err();
        assert_eq!(e.code(), "invalid_spec", "{input}");
        assert!(e.to_string().starts_with(&format!("invalid spec at {path}:")), "want {path}, got {e}");
    }
}
