/// An enum spelled in specs by its raw value (`leaky-relu`, `wgan-gp`); the reader lists the
/// allowed spellings and suggests the closest one on a typo.
public protocol SpecEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {}
