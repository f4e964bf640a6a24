import Foundation

/// Reading input files with one-line errors.
enum InputFile {
    static func bytes(_ path: String) throws(ImportError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(path) is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("\(path): cannot read the file") }
        return [UInt8](data)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The file name without folder and extension, for default titles.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }
}
