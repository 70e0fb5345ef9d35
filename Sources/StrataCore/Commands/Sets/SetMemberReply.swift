import NIOCore
import RESP

extension ByteBuffer {
    /// A set member as a bulk string, written without an intermediate array.
    mutating func writeBulkReply(_ member: SetElement) {
        member.withBytes { writeBulkReply($0) }
    }
}
