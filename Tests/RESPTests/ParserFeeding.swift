import NIOCore
import RESP
import XCTest

/// Runs a fresh `RESPRequestParser` over `chunks` delivered as successive reads into one
/// accumulating buffer (as a channel handler does), returning every command produced. Like the channel handler,
/// it hands each command's arguments back to the parser for reuse.
func commands(
    fromChunks chunks: [ArraySlice<UInt8>], limits: RESPRequestLimits = .init()
) throws(RESPProtocolError) -> [[[UInt8]]] {
    var parser = RESPRequestParser(limits: limits)
    var buffer = ByteBuffer()
    var args: [[UInt8]] = []
    var produced: [[[UInt8]]] = []
    for chunk in chunks {
        buffer.writeBytes(chunk)
        while try parser.parse(&buffer, into: &args) {
            produced.append(args)
        }
    }
    return produced
}

/// The ways `ByteToMessageDecoderVerifier` delivers one input: all at once, one byte per read,
/// and split in two at every boundary.
func deliveries(of input: [UInt8]) -> [[ArraySlice<UInt8>]] {
    var result: [[ArraySlice<UInt8>]] = [[input[...]], input.indices.map { input[$0...$0] }]
    for cut in 1..<max(1, input.count) {
        result.append([input[..<cut], input[cut...]])
    }
    return result
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Asserts that every delivery of `input` yields exactly `expected` commands.
func assertCommands(
    _ input: [UInt8], _ expected: [[String]], limits: RESPRequestLimits = .init(),
    file: StaticString = #filePath, line: UInt = #line
) {
    let expectedBytes = expected.map { $0.map(bytes) }
    for chunks in deliveries(of: input) {
        do {
            let produced = try commands(fromChunks: chunks, limits: limits)
            XCTAssertEqual(produced, expectedBytes, "delivered as \(chunks.map(\.count))", file: file, line: line)
        } catch {
            XCTFail("delivered as \(chunks.map(\.count)): \(error)", file: file, line: line)
        }
    }
}

/// Asserts that every delivery of `input` fails with exactly `message`.
func assertProtocolError(
    _ input: [UInt8], _ message: String, limits: RESPRequestLimits = .init(), everySplit: Bool = true,
    file: StaticString = #filePath, line: UInt = #line
) {
    let ways = everySplit ? deliveries(of: input) : Array(deliveries(of: input).prefix(2))
    for chunks in ways {
        do {
            let produced = try commands(fromChunks: chunks, limits: limits)
            XCTFail("no error, produced \(produced.count) commands; delivered as \(chunks.map(\.count))", file: file, line: line)
        } catch {
            XCTAssertEqual(error.message, message, "delivered as \(chunks.map(\.count))", file: file, line: line)
        }
    }
}
