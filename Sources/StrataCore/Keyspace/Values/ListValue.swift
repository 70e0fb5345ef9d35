/// A Redis list value. (Foundation placeholder: the list work replaces this file with the real structure.)
public struct ListValue {
    public init() {}
    public var count: Int { 0 }
    public var encodingName: String { "quicklist" }
    var memoryEstimate: Int { 0 }
}
