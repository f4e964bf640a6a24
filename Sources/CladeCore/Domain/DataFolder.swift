import Foundation

/// Where Clade keeps its log and the sample's working copy: `$CLADE_HOME`, else
/// `$XDG_DATA_HOME/clade`, else `$HOME/.local/share/clade`. One definition for every user of it.
public enum DataFolder {
    /// A problem with the environment that decides the folder, as one line with its fix.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The folder, from `environment`. `HOME` is honoured for every user (Foundation's home
    /// directory reads the password database for some); `XDG_DATA_HOME` only when absolute, as
    /// the XDG specification says.
    public static func path(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["CLADE_HOME"], !home.isEmpty { return home }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/clade" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/clade"
    }

    /// Creates the folder (and its parents) or says in one line why it cannot be: a file in the
    /// way, no permission.
    public static func create(_ folder: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        // The first part of the path that exists and is not a folder.
        var part = ""
        for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
            part += "/" + component
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: part, isDirectory: &dir), !dir.boolValue {
                throw Problem(description: "\(part) is a file, but Clade keeps its data in the folder \(folder) (\(source(environment))); "
                              + "move the file, or set CLADE_HOME to a folder")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            throw Problem(description: "cannot create \(folder) (\(source(environment))): \(reason); set CLADE_HOME to a folder you can write")
        }
    }

    static func source(_ environment: [String: String]) -> String {
        if let home = environment["CLADE_HOME"], !home.isEmpty { return "from CLADE_HOME" }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return "from XDG_DATA_HOME" }
        return "under HOME"
    }
}
