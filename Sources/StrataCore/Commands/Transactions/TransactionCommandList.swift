/// The transaction command group. (Foundation placeholder: the transaction work fills this list.)
extension Engine {
    static var transactionCommands: [CommandSpec] { [] }
}
