/// The server under test and the oracle: strata-server and redis-server, or two
/// redis-servers in self-check mode.
struct RandomizedServers {
    let subject: ServerProcess
    let oracle: ServerProcess

    init(selfCheck: Bool) throws {
        subject = try selfCheck ? .redis() : .strata()
        oracle = try .redis()
    }

    init(subject: ServerProcess, oracle: ServerProcess) {
        self.subject = subject
        self.oracle = oracle
    }
}
