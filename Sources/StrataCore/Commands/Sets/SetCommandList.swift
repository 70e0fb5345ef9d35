/// The set command group. (Foundation placeholder: the set work fills this list.)
extension Engine {
    static var setCommands: [CommandSpec] { [] }
}
