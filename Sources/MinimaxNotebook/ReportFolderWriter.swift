import Foundation
import MinimaxNN

/// Writes a report folder (`README.md` + `figures/`) so that readers only ever see the old or the
/// new report, never a mix: everything goes into a hidden staging folder next to the target,
/// which then replaces the target by rename. If anything fails, the staging folder is removed
/// and the old report stays as it was.
enum ReportFolderWriter {
    static func write(markdown: String, figures: [ReportFigure], to target: URL) throws {
        let parent = target.deletingLastPathComponent()
        let fileManager = FileManager.default
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(unique)", isDirectory: true)
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(unique)", isDirectory: true)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            if !figures.isEmpty {
                let folder = staging.appendingPathComponent("figures", isDirectory: true)
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                for figure in figures {
                    guard ProjectPaths.checkFileName(figure.name) else { throw NotebookError.pathEscapesProject(path: "figures/\(figure.name)") }
                    do { try fileManager.copyItem(at: figure.source, to: folder.appendingPathComponent(figure.name)) } catch {
                        throw NotebookError.io(path: figure.source.path, message: "cannot copy figure: \(error.localizedDescription)")
                    }
                }
            }
            try AtomicFile.write(markdown, to: staging.appendingPathComponent("README.md"))
            let hadOld = fileManager.fileExists(atPath: target.path)
            if hadOld { try fileManager.moveItem(at: target, to: retired) }
            do { try fileManager.moveItem(at: staging, to: target) } catch {
                if hadOld { try? fileManager.moveItem(at: retired, to: target) }
                throw error
            }
            if hadOld { try? fileManager.removeItem(at: retired) }
        } catch let error as NotebookError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw NotebookError.io(path: target.path, message: "cannot write report: \(error.localizedDescription)")
        }
    }
}
