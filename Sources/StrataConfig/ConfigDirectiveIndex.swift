extension ConfigDirective {
    /// Position in `all` of every directive, under its name and under its alias (lowercase).
    static let positions: [String: Int] = {
        var positions: [String: Int] = [:]
        for (position, directive) in all.enumerated() {
            positions[directive.name] = position
            if let alias = directive.alias { positions[alias] = position }
        }
        return positions
    }()

    /// The position of the directive called `name` (canonical or alias, any case).
    static func position(of name: String) -> Int? {
        positions[name] ?? positions[name.lowercased()]
    }
}
