import NIOCore

extension RESPValue {
    /// Writes the value in its own wire type (RESP3 types as RESP3), so that `RESPValueParser`
    /// reads back an equal value. Errors are written in the line form `-`, so CR/LF inside
    /// simple strings and errors become spaces.
    public func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .simpleString(let text): buffer.writeSimpleString(text)
        case .error(let message): buffer.writeErrorReply(message)
        case .integer(let value): buffer.writeIntegerReply(Int(value))
        case .bulkString(nil): buffer.writeNullReply(.v2)
        case .bulkString(let bytes?): buffer.writeBulkReply(bytes)
        case .array(nil): buffer.writeNullArrayReply(.v2)
        case .array(let elements?):
            buffer.writeArrayHeader(elements.count)
            for element in elements { element.encode(into: &buffer) }
        case .null: buffer.writeNullReply(.v3)
        case .double(let value): buffer.writeDoubleReply(value, .v3)
        case .boolean(let value): buffer.writeBooleanReply(value, .v3)
        case .bigNumber(let digits): buffer.writeBigNumberReply(digits.utf8, .v3)
        case .verbatim(let format, let text): buffer.writeVerbatimReply(text, format: format, .v3)
        case .map(let pairs):
            buffer.writeMapHeader(pairs.count, .v3)
            Self.encode(pairs, into: &buffer)
        case .set(let elements):
            buffer.writeSetHeader(elements.count, .v3)
            for element in elements { element.encode(into: &buffer) }
        case .push(let elements):
            buffer.writePushHeader(elements.count, .v3)
            for element in elements { element.encode(into: &buffer) }
        case .attribute(let pairs):
            buffer.writeRESPHeader(marker: UInt8(ascii: "|"), pairs.count)
            Self.encode(pairs, into: &buffer)
        }
    }

    private static func encode(_ pairs: [RESPPair], into buffer: inout ByteBuffer) {
        for pair in pairs {
            pair.key.encode(into: &buffer)
            pair.value.encode(into: &buffer)
        }
    }
}
