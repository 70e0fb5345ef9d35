/// One generated command and how its replies are compared.
struct RandomStep {
    let command: [String]
    let check: ReplyCheck

    init(_ command: [String], _ check: ReplyCheck = .plain(.exact)) {
        self.command = command
        self.check = check
    }

    init(_ command: [String], _ comparison: Comparison) { self.init(command, .plain(comparison)) }

    /// The command as redis-cli would echo it, for failure reports.
    var rendered: String {
        command.map { word in
            word.isEmpty || word.contains(where: { $0 == " " || $0 == "\"" || !$0.isASCII })
                ? word.debugDescription : word
        }.joined(separator: " ")
    }
}
