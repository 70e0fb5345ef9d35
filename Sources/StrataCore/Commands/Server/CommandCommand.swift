import StrataText
import NIOCore
import RESP

/// COMMAND and its subcommands: the server describing its command table to clients (redis-cli builds its hints
/// from COMMAND DOCS; cluster-aware clients read key positions from COMMAND INFO).
extension Engine {
    static var commandCommand: CommandSpec {
        func sub(_ name: String, _ arity: Int, _ since: String, _ summary: String, _ syntax: String = "",
                 _ handler: @escaping CommandHandler) -> CommandSpec {
            CommandSpec("command|" + name, arity: arity, flags: [.loading, .stale], group: "server", since: since,
                        summary: summary, syntax: syntax, handler: handler)
        }
        return CommandSpec("command", arity: -1, flags: [.loading, .stale], group: "server", since: "2.8.13",
                           summary: "Describes every command the server knows.", subcommands: [
            sub("count", 2, "2.8.13", "Returns the number of commands.") { call, out in
                out.writeIntegerReply(call.engine.commands.all.count)
            },
            sub("info", -2, "2.8.13", "Describes the named commands, or all of them.", "[command-name [command-name ...]]",
                CommandIntrospection.info),
            sub("docs", -2, "7.0.0", "Returns the documentation of the named commands, or of all of them.",
                "[command-name [command-name ...]]", CommandIntrospection.docs),
            sub("list", -2, "7.0.0", "Lists command names, optionally filtered.",
                "[FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]", CommandIntrospection.list),
            sub("getkeys", -4, "2.8.13", "Extracts the keys from a full command line.", "command [arg [arg ...]]") { call, out in
                CommandIntrospection.getKeys(call, withFlags: false, &out)
            },
            sub("getkeysandflags", -4, "7.0.0", "Extracts the keys and their access flags from a full command line.",
                "command [arg [arg ...]]") { call, out in
                CommandIntrospection.getKeys(call, withFlags: true, &out)
            },
            sub("help", 2, "5.0.0", "Lists the COMMAND subcommands.") { _, out in
                writeHelp("COMMAND", [
                    "(no subcommand)", "    Return details about all Redis commands.",
                    "COUNT", "    Return the total number of commands in this Redis server.",
                    "LIST", "    Return a list of all commands in this Redis server.",
                    "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
                    "    If no command names are given, documentation details for all",
                    "    commands are returned.",
                    "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
                    "    If no command names are given, documentation details for all",
                    "    commands are returned.",
                    "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
                    "GETKEYSANDFLAGS <full-command>", "    Return the keys and the access flags from a full Redis command.",
                ], &out)
            },
        ]) { call, out in
            CommandIntrospection.writeInfos(call.engine.commands.all, call.proto, &out)
        }
    }
}

/// The COMMAND subcommand handlers and the reply shapes of COMMAND INFO and COMMAND DOCS.
enum CommandIntrospection {
    /// A command by its full name, `name` or `parent|sub`, ignoring case.
    static func lookup(_ name: Bytes, in table: CommandTable) -> CommandSpec? {
        guard let bar = name.firstIndex(of: UInt8(ascii: "|")) else { return table.lookup(name) }
        guard let parent = table.lookup(Array(name[..<bar])) else { return nil }
        return CommandTable.subcommand(of: parent, Array(name[(bar + 1)...]))
    }

    static func info(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc > 2 else { return writeInfos(call.engine.commands.all, call.proto, &out) }
        out.writeArrayHeader(call.argc - 2)
        for name in call.args.dropFirst(2) {
            if let spec = lookup(name, in: call.engine.commands) {
                writeInfo(spec, call.proto, &out)
            } else {
                out.writeNullReply(call.proto)
            }
        }
    }

    static func docs(_ call: Call, _ out: inout ByteBuffer) {
        let specs = call.argc > 2
            ? call.args.dropFirst(2).compactMap { lookup($0, in: call.engine.commands) }
            : call.engine.commands.all
        out.writeMapHeader(specs.count, call.proto)
        for spec in specs {
            out.writeBulkReply(string: spec.name)
            writeDocs(spec, call.proto, &out)
        }
    }

    static func list(_ call: Call, _ out: inout ByteBuffer) {
        let everything = call.engine.commands.all.flatMap { [$0] + $0.subcommands }
        let selected: [CommandSpec]
        if call.argc == 2 {
            selected = everything
        } else if call.argc == 5, call.arg(2, is: "FILTERBY") {
            let value = call.args[4]
            if call.arg(3, is: "MODULE") {
                selected = []
            } else if call.arg(3, is: "ACLCAT") {
                let category = value.lowercasedASCII.text
                selected = everything.filter { $0.aclCategories.contains(category) }
            } else if call.arg(3, is: "PATTERN") {
                selected = everything.filter { GlobPattern.matches(value, Bytes($0.name), ignoringCase: true) }
            } else {
                return out.writeErrorReply(ReplyError.syntax)
            }
        } else {
            return out.writeErrorReply(ReplyError.syntax)
        }
        out.writeArrayHeader(selected.count)
        for spec in selected { out.writeBulkReply(string: spec.name) }
    }

    /// GETKEYS and GETKEYSANDFLAGS: the arguments after the subcommand are a command line whose keys are
    /// found by the command's key specs (see CommandKeySearch). Checks in Redis's order: unknown command, a
    /// command without keys, wrong argument count, then a line in which no key is found.
    static func getKeys(_ call: Call, withFlags: Bool, _ out: inout ByteBuffer) {
        let line = Array(call.args.dropFirst(2))
        guard var spec = call.engine.commands.lookup(line[0]) else {
            return out.writeErrorReply("ERR Invalid command specified")
        }
        if !spec.subcommands.isEmpty {
            guard let sub = CommandTable.subcommand(of: spec, line[1]) else {
                return out.writeErrorReply("ERR Invalid command specified")
            }
            spec = sub
        }
        guard CommandKeySearch.hasKeys(spec.details) else {
            return out.writeErrorReply("ERR The command has no key arguments")
        }
        guard spec.acceptsArgumentCount(line.count) else {
            return out.writeErrorReply("ERR Invalid number of arguments specified for command")
        }
        let keys = CommandKeySearch.keys(spec.details, in: line)
        guard !keys.isEmpty || spec.flags.contains(.noMandatoryKeys) else {
            return out.writeErrorReply("ERR Invalid arguments specified for command")
        }
        out.writeArrayHeader(keys.count)
        for key in keys {
            if withFlags {
                out.writeArrayHeader(2)
                out.writeBulkReply(line[key.position])
                writeSimpleSet(key.flags.names, call.proto, &out)
            } else {
                out.writeBulkReply(line[key.position])
            }
        }
    }

    // MARK: COMMAND INFO

    static func writeInfos(_ specs: [CommandSpec], _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeArrayHeader(specs.count)
        for spec in specs { writeInfo(spec, proto, &out) }
    }

    /// Reply shape: [name, arity, {flags}, first key, last key, step, {@categories}, {tips}, {key specs},
    /// [subcommand infos]] where {} are sets (arrays in RESP2); tips are bulk strings, the other names simple
    /// strings; a command without subcommands ends with an empty set, as Redis replies.
    static func writeInfo(_ spec: CommandSpec, _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeArrayHeader(10)
        out.writeBulkReply(string: spec.name)
        out.writeIntegerReply(spec.arity)
        writeSimpleSet(spec.flags.names, proto, &out)
        out.writeIntegerReply(spec.keys.first)
        out.writeIntegerReply(spec.keys.last)
        out.writeIntegerReply(spec.keys.step)
        writeSimpleSet(spec.aclCategories.map { "@" + $0 }, proto, &out)
        out.writeSetHeader(spec.details.tips.count, proto)
        for tip in spec.details.tips { out.writeBulkReply(string: tip) }
        out.writeSetHeader(spec.details.keySpecs.count, proto)
        for keySpec in spec.details.keySpecs { writeKeySpec(keySpec, proto, &out) }
        if spec.subcommands.isEmpty {
            out.writeSetHeader(0, proto)
        } else {
            writeInfos(spec.subcommands, proto, &out)
        }
    }

    /// A key spec as a map: notes (when any), flags, begin_search {type, spec}, find_keys {type, spec}; the specs
    /// hold index | keyword+startfrom, and range lastkey+keystep+limit | keynum keynumidx+firstkey+keystep.
    private static func writeKeySpec(_ keySpec: CommandKeySpec, _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeMapHeader(keySpec.notes == nil ? 3 : 4, proto)
        if let notes = keySpec.notes {
            out.writeBulkReply(string: "notes")
            out.writeBulkReply(string: notes)
        }
        out.writeBulkReply(string: "flags")
        writeSimpleSet(keySpec.flags.names, proto, &out)
        out.writeBulkReply(string: "begin_search")
        switch keySpec.beginSearch {
        case .index(let index):
            writeTypedSpec("index", [("index", .integer(index))], proto, &out)
        case .keyword(let keyword, let startFrom):
            writeTypedSpec("keyword", [("keyword", .text(keyword)), ("startfrom", .integer(startFrom))], proto, &out)
        }
        out.writeBulkReply(string: "find_keys")
        switch keySpec.findKeys {
        case .range(let lastKey, let keyStep, let limit):
            writeTypedSpec("range", [("lastkey", .integer(lastKey)), ("keystep", .integer(keyStep)),
                                     ("limit", .integer(limit))], proto, &out)
        case .keyNum(let keyNumIndex, let firstKey, let keyStep):
            writeTypedSpec("keynum", [("keynumidx", .integer(keyNumIndex)), ("firstkey", .integer(firstKey)),
                                      ("keystep", .integer(keyStep))], proto, &out)
        }
    }

    /// A field value of a key spec's search description.
    private enum SpecValue {
        case integer(Int)
        case text(String)
    }

    /// {type: <type>, spec: {<field>: <value>, ...}}
    private static func writeTypedSpec(_ type: String, _ fields: [(String, SpecValue)], _ proto: RESPVersion,
                                       _ out: inout ByteBuffer) {
        out.writeMapHeader(2, proto)
        out.writeBulkReply(string: "type")
        out.writeBulkReply(string: type)
        out.writeBulkReply(string: "spec")
        out.writeMapHeader(fields.count, proto)
        for (name, value) in fields {
            out.writeBulkReply(string: name)
            switch value {
            case .integer(let n): out.writeIntegerReply(n)
            case .text(let text): out.writeBulkReply(string: text)
            }
        }
    }

    private static func writeSimpleSet(_ items: [String], _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeSetHeader(items.count, proto)
        for item in items { out.writeSimpleString(item) }
    }

    // MARK: COMMAND DOCS

    /// Reply shape: {summary, since, group, arguments (when any), subcommands (when any): {name: docs}}.
    static func writeDocs(_ spec: CommandSpec, _ proto: RESPVersion, _ out: inout ByteBuffer) {
        // Every syntax string in the table is checked by a test to parse; a failure would only drop the hints.
        let arguments = (try? spec.documentedArguments()) ?? []
        out.writeMapHeader(3 + (arguments.isEmpty ? 0 : 1) + (spec.subcommands.isEmpty ? 0 : 1), proto)
        out.writeBulkReply(string: "summary")
        out.writeBulkReply(string: spec.summary)
        out.writeBulkReply(string: "since")
        out.writeBulkReply(string: spec.since)
        out.writeBulkReply(string: "group")
        out.writeBulkReply(string: spec.group)
        if !arguments.isEmpty {
            out.writeBulkReply(string: "arguments")
            var keyArguments = 0
            writeArguments(arguments, keySpecs: spec.details.keySpecs.count, &keyArguments, proto, &out)
        }
        if !spec.subcommands.isEmpty {
            out.writeBulkReply(string: "subcommands")
            out.writeMapHeader(spec.subcommands.count, proto)
            for sub in spec.subcommands {
                out.writeBulkReply(string: sub.name)
                writeDocs(sub, proto, &out)
            }
        }
    }

    /// Each argument is a map: name, type, key_spec_index (keys), token, flags, arguments (oneof and block).
    /// Key arguments refer to the key specs in order (the n-th key argument to the n-th spec); the extra ones
    /// share the last spec, as LCS's two keys share its one range.
    private static func writeArguments(_ arguments: [CommandArgument], keySpecs: Int, _ keyArguments: inout Int,
                                       _ proto: RESPVersion, _ out: inout ByteBuffer) {
        out.writeArrayHeader(arguments.count)
        for a in arguments {
            var keyIndex: Int?
            if a.kind == .key, keySpecs > 0 {
                keyIndex = min(keyArguments, keySpecs - 1)
                keyArguments += 1
            }
            let fields = 2 + (keyIndex == nil ? 0 : 1) + (a.token == nil ? 0 : 1) + (a.flags.isEmpty ? 0 : 1)
                + (a.arguments.isEmpty ? 0 : 1)
            out.writeMapHeader(fields, proto)
            out.writeBulkReply(string: "name")
            out.writeBulkReply(string: a.name)
            out.writeBulkReply(string: "type")
            out.writeBulkReply(string: a.kind.rawValue)
            if let keyIndex {
                out.writeBulkReply(string: "key_spec_index")
                out.writeIntegerReply(keyIndex)
            }
            if let token = a.token {
                out.writeBulkReply(string: "token")
                out.writeBulkReply(string: token)
            }
            if !a.flags.isEmpty {
                out.writeBulkReply(string: "flags")
                writeSimpleSet(a.flags.names, proto, &out)
            }
            if !a.arguments.isEmpty {
                out.writeBulkReply(string: "arguments")
                writeArguments(a.arguments, keySpecs: keySpecs, &keyArguments, proto, &out)
            }
        }
    }
}
