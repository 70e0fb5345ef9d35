/// A key usable in `HashTrie`: must supply a well-mixed 64-bit hash that is stable for the process lifetime.
///
/// The trie branches on the hash's high bits first, so those must be as random as the low ones.
/// Equal keys must have equal hashes; keys with equal hashes are told apart with `==`.
public protocol TrieKey: Equatable {
    var trieHash: UInt64 { get }
}

/// Byte-string keys (the keyspace's keys) hash with `trieHashBytes`.
extension Array: TrieKey where Element == UInt8 {
    @inlinable
    public var trieHash: UInt64 {
        withUnsafeBytes { trieHashBytes($0) }
    }
}
