import NIOCore
import RESP

extension Call {
    /// Reads argument `i` as a database index (COPY ... DB, MOVE, SWAPDB). Like Redis's getIntFromObjectOrReply the
    /// number must fit a C int: a non-integer and an out-of-range integer are distinct errors, unless the command
    /// words its own (`invalid`), which then covers both. An index naming no database is "DB index is out of
    /// range". Writes the error and returns nil on failure.
    func databaseIndex(_ i: Int, _ out: inout ByteBuffer, invalid: String? = nil) -> Int? {
        guard let n = IntegerText.parse(args[i]) else {
            out.writeErrorReply(invalid ?? ReplyError.notInteger)
            return nil
        }
        guard let index = Int32(exactly: n) else {
            out.writeErrorReply(invalid ?? ReplyError.notInt32)
            return nil
        }
        guard index >= 0, Int(index) < engine.databases.count else {
            out.writeErrorReply(ReplyError.dbIndexOutOfRange)
            return nil
        }
        return Int(index)
    }
}
