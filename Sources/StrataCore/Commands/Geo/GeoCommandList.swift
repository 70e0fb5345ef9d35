/// The geo command group. (Foundation placeholder: the geo work fills this list.)
extension Engine {
    static var geoCommands: [CommandSpec] { [] }
}
