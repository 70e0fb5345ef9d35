/// The list command group. (Foundation placeholder: the list work fills this list.)
extension Engine {
    static var listCommands: [CommandSpec] { [] }
}
