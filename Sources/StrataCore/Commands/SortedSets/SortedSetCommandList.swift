/// The sortedSet command group. (Foundation placeholder: the sortedSet work fills this list.)
extension Engine {
    static var sortedSetCommands: [CommandSpec] { [] }
}
