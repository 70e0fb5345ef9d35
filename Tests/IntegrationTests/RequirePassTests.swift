import RESP
import XCTest

/// `requirepass`: commands refused until AUTH, wrong passwords rejected, HELLO authenticating;
/// Strata's replies must be Redis's.
final class RequirePassTests: XCTestCase {
    func testAuthenticationFlow() {
        assertSameTranscript(serverArguments: ["--requirepass", "s3cret"]) { server, _ in
            let client = try server.connect()
            var transcript = try client.pipeline([
                ["GET", "k"], ["PING"], ["AUTH", "wrong"], ["AUTH", "default", "wrong"], ["AUTH", "nobody", "s3cret"],
                ["SET", "k", "v"], ["AUTH", "s3cret"], ["SET", "k", "v"], ["GET", "k"], ["AUTH", "default", "s3cret"],
            ])
            let hello = try server.connect()
            transcript += try hello.pipeline([["HELLO", "3"], ["HELLO", "3", "AUTH", "default", "wrong"], ["GET", "k"]])
            let greeting = try hello.send(["HELLO", "3", "AUTH", "default", "s3cret"])
            transcript.append(Projection.keys(greeting))
            transcript += try hello.pipeline([["GET", "k"], ["RESET"], ["GET", "k"], ["QUIT"]])
            return transcript
        }
    }
}
