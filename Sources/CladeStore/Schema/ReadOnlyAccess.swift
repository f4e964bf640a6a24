import Foundation

/// How Clade reads a file it cannot write beside (a read-only mount, a folder without write
/// access). A WAL-mode file needs its `-shm` (and `-wal`) next to it even to be read; where they
/// cannot be created, SQLite refuses a plain read-only open ("unable to open database file"), so
/// such a file is opened `immutable` (https://www.sqlite.org/wal.html, "Read-Only Databases"):
/// SQLite then takes no locks and reads the file, and a `-wal` beside it, as they are.
public enum ReadOnlyAccess {
    /// Why nothing can be created beside `path`, or nil when its folder is writable. A folder
    /// whose permissions grant nobody write access counts as unwritable even for root, as a
    /// read-only file does (`AppDatabase.isWritable`): the owner meant it to stay as it is.
    public static func folderProblem(_ path: String) -> String? {
        let folder = folder(of: path)
        var fs = statvfs()
        if statvfs(folder, &fs) == 0, fs.f_flag & UInt(ST_RDONLY) != 0 { return "read-only file system" }
        var info = stat()
        if stat(folder, &info) == 0, info.st_mode & 0o222 == 0 { return "folder not writable" }
        return access(folder, W_OK) == 0 ? nil : "folder not writable"
    }

    /// The file is in WAL mode and no `-shm` can be created beside it, nor is there one to read:
    /// only an immutable open can read it.
    static func needsImmutableOpen(_ path: String) -> Bool {
        guard folderProblem(path) != nil, access(path + "-shm", F_OK) != 0,
              let head = try? SQLiteFileProbe.header(path: path, length: SQLiteFileHeader.length).bytes, head.count >= 20 else { return false }
        return head[18] == 2 || head[19] == 2  // read and write format versions: 2 is WAL
    }

    /// The name to give SQLite for a read-only connection to `path`: the path itself, or an
    /// immutable URI (the system SQLite accepts URI names) when a plain open cannot read it.
    public static func sqliteName(_ path: String) -> String {
        guard needsImmutableOpen(path) else { return path }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%&=")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?mode=ro&immutable=1"
    }

    /// The one line saying the file is read-only and why, when its folder cannot be written; nil otherwise.
    public static func notice(_ path: String) -> String? {
        guard let problem = folderProblem(path) else { return nil }
        var line = "read-only: cannot write beside \(path) (\(problem)) — decisions cannot be recorded; copy it somewhere writable"
        if needsImmutableOpen(path) {
            line += ". Read as it is now: changes another program makes to it meanwhile are not seen"
        }
        return line
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
