/// The hash command group. (Foundation placeholder: the hash work fills this list.)
extension Engine {
    static var hashCommands: [CommandSpec] { [] }
}
