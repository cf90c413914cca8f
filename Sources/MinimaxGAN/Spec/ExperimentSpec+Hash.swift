extension ExperimentSpec {
    /// What a run's results depend on: the canonical YAML (`SpecYAMLWriter`) of the resolved
    /// spec without `name`, `description` and `seeds` (the seed is part of the run's own key),
    /// so renaming a spec or running another seed never changes it, and without `quick`: a
    /// `--quick` run is keyed by the hash of the spec it trains (`quickened()`), so editing the
    /// `quick:` block changes the quick runs' hash and leaves the full runs' alone.
    public var hashedYAML: String {
        guard case .mapping(let entries) = specValue else { return "" }
        let excluded: Set<String> = ["name", "description", "seeds", "quick"]
        return SpecYAMLWriter.yaml(.mapping(entries.filter { !excluded.contains($0.key) }))
    }

    /// SHA-256 (FIPS 180-4) of `hashedYAML`'s UTF-8 bytes, as 64 lowercase hex digits.
    public var specHash: String { SHA256.hexDigest(Array(hashedYAML.utf8)) }
}
