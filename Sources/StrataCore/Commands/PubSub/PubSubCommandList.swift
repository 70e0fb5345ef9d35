/// The pubSub command group. (Foundation placeholder: the pubSub work fills this list.)
extension Engine {
    static var pubSubCommands: [CommandSpec] { [] }
}
