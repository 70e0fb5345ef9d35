/// The protocol a connection speaks, chosen with `HELLO`: replies whose RESP3 type has no RESP2
/// counterpart (null, map, set, push, double, boolean, verbatim, big number) are downgraded for `.v2`.
public enum RESPVersion: Int, Sendable {
    case v2 = 2
    case v3 = 3
}
