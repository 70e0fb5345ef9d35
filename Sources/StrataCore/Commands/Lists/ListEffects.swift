/// How list pops are written to the command log: a blocking pop (served at once or later) and LMPOP are logged as
/// the plain pop they performed, so a replay never blocks and pops exactly as many elements.
extension ListEnd {
    /// The plain pop at this end: LPOP or RPOP.
    var popCommand: Bytes { self == .head ? Bytes("LPOP") : Bytes("RPOP") }
}
