import NIOCore
import RESP

/// An expiry given to SET or GETEX: which option named it and the argument index holding its number.
struct ExpiryArgument {
    /// EX and PX are relative to the command's clock; EXAT and PXAT are Unix times. EX and EXAT count seconds.
    enum Kind { case ex, px, exat, pxat }

    let kind: Kind
    let index: Int

    /// The absolute expiry in milliseconds, or nil after writing the error. Rule: the number must be a positive
    /// integer, seconds must survive the conversion to milliseconds, and adding the clock must not overflow.
    func resolve(_ call: Call, _ out: inout ByteBuffer) -> Int64? {
        guard let n = call.integer(index, &out) else { return nil }
        let inSeconds = kind == .ex || kind == .exat
        guard n > 0, !inSeconds || n <= Int64.max / 1000 else {
            out.writeErrorReply(ExpiryArgument.invalid(call))
            return nil
        }
        let millis = inSeconds ? n * 1000 : n
        guard kind == .ex || kind == .px else { return millis }
        let (at, overflow) = millis.addingReportingOverflow(call.now)
        guard !overflow else {
            out.writeErrorReply(ExpiryArgument.invalid(call))
            return nil
        }
        return at
    }

    static func invalid(_ call: Call) -> String { "ERR invalid expire time in '\(call.command.name)' command" }
}

/// The options of SET (`[NX | XX] [GET] [EX | PX | EXAT | PXAT | KEEPTTL]`) and of GETEX
/// (`[EX | PX | EXAT | PXAT | PERSIST]`). Grammar rule: options may come in any order and may repeat; an option
/// is a syntax error only next to one it conflicts with (NX/XX, two different expiry kinds, KEEPTTL or PERSIST
/// with an expiry) or when the command does not take it. A repeated expiry keeps its last value.
struct SetOptions {
    /// The condition SET stores under: only when the key is absent (NX) or present (XX).
    enum Condition { case ifAbsent, ifPresent }

    var condition: Condition?
    var returnOld = false
    var keepTTL = false
    var persist = false
    var expiry: ExpiryArgument?

    /// Parses `call.args[start...]`; writes "ERR syntax error" and returns nil on any violation.
    /// `forSet` selects SET's option set, otherwise GETEX's.
    static func parse(_ call: Call, from start: Int, forSet: Bool, _ out: inout ByteBuffer) -> SetOptions? {
        var o = SetOptions()
        var i = start
        while i < call.argc {
            let hasNext = i + 1 < call.argc
            if forSet, call.arg(i, is: "NX"), o.condition != .ifPresent {
                o.condition = .ifAbsent
            } else if forSet, call.arg(i, is: "XX"), o.condition != .ifAbsent {
                o.condition = .ifPresent
            } else if forSet, call.arg(i, is: "GET") {
                o.returnOld = true
            } else if forSet, call.arg(i, is: "KEEPTTL"), o.expiry == nil {
                o.keepTTL = true
            } else if !forSet, call.arg(i, is: "PERSIST"), o.expiry == nil {
                o.persist = true
            } else if hasNext, let kind = SetOptions.expiryKind(call.args[i]),
                      !o.keepTTL, !o.persist, o.expiry == nil || o.expiry?.kind == kind {
                o.expiry = ExpiryArgument(kind: kind, index: i + 1)
                i += 1
            } else {
                out.writeErrorReply(ReplyError.syntax)
                return nil
            }
            i += 1
        }
        return o
    }

    private static func expiryKind(_ arg: Bytes) -> ExpiryArgument.Kind? {
        if arg.equalsIgnoringCase("EX") { return .ex }
        if arg.equalsIgnoringCase("PX") { return .px }
        if arg.equalsIgnoringCase("EXAT") { return .exat }
        if arg.equalsIgnoringCase("PXAT") { return .pxat }
        return nil
    }
}
