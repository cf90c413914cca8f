import MinimaxGAN
import Testing

@Suite struct SpecHashTests {
    @Test func sha256MatchesFIPSVectors() {
        // FIPS 180-4 examples: "abc" (one block) and the 448-bit two-block message.
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // 55 and 56 bytes straddle the padding boundary (one vs two padding blocks).
        #expect(SHA256.hexDigest(Array(repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func hashIgnoresNameDescriptionAndSeeds() {
        var a = ExperimentSpec(name: "a")
        var b = ExperimentSpec(name: "b")
        a.description = "one"
        b.seeds = [4, 5]
        #expect(a.specHash == b.specHash)
        b.steps = 2001
        #expect(a.specHash != b.specHash)
        #expect(a.specHash.count == 64)
    }

    /// The `quick:` block changes only what a quick run trains: full runs keep their hash, and a
    /// quick run is keyed by the quickened spec.
    @Test func quickBlockIsNotPartOfTheFullSpecsHash() {
        let full = ExperimentSpec(name: "a")
        var edited = full
        edited.quick.steps += 7
        #expect(edited.specHash == full.specHash)
        #expect(edited.quickened().specHash != full.quickened().specHash)
        #expect(full.quickened().specHash != full.specHash)
    }

    @Test func canonicalYAMLWritesFloatsYAMLReadsAsFloats() {
        #expect(SpecYAMLWriter.doubleText(1e-8) == "1.0e-08")
        #expect(SpecYAMLWriter.doubleText(0.0001) == "0.0001")
        #expect(SpecYAMLWriter.doubleText(2) == "2.0")
        #expect(SpecYAMLWriter.scalarText(.string("true")) == "'true'")
        #expect(SpecYAMLWriter.scalarText(.string("it's: x")) == "'it''s: x'")
        #expect(SpecYAMLWriter.scalarText(.string("leaky-relu")) == "leaky-relu")
    }
}
