/// The stream command group. (Foundation placeholder: the stream work fills this list.)
extension Engine {
    static var streamCommands: [CommandSpec] { [] }
}
