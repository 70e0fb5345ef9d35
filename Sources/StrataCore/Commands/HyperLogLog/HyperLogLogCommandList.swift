/// The hyperLogLog command group. (Foundation placeholder: the hyperLogLog work fills this list.)
extension Engine {
    static var hyperLogLogCommands: [CommandSpec] { [] }
}
