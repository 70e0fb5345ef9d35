import NIOCore
import RESP

extension Call {
    /// Reads argument `i` as a database index (COPY ... DB, MOVE) and checks that such a database exists ("DB
    /// index is out of range"). Writes the error and returns nil on failure.
    func databaseIndex(_ i: Int, _ out: inout ByteBuffer) -> Int? {
        guard let n = databaseNumber(i, &out) else { return nil }
        guard isDatabaseIndex(n) else {
            out.writeErrorReply(ReplyError.dbIndexOutOfRange)
            return nil
        }
        return n
    }

    /// Reads argument `i` as a number that should name a database, without checking the range. Like Redis's
    /// getIntFromObjectOrReply it must fit a C int: a non-integer and an out-of-range integer are distinct errors,
    /// unless the command words its own (`invalid`), which then covers both.
    func databaseNumber(_ i: Int, _ out: inout ByteBuffer, invalid: String? = nil) -> Int? {
        guard let n = IntegerText.parse(args[i]) else {
            out.writeErrorReply(invalid ?? ReplyError.notInteger)
            return nil
        }
        guard let number = Int32(exactly: n) else {
            out.writeErrorReply(invalid ?? ReplyError.notInt32)
            return nil
        }
        return Int(number)
    }

    /// True when `n` numbers one of the server's databases.
    func isDatabaseIndex(_ n: Int) -> Bool { n >= 0 && n < engine.databases.count }
}
