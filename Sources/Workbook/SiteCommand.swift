import ArgumentParser
import Foundation
import LessonKit
import WorkbookCatalog
import WorkbookGrading
import WorkbookSite

/// `workbook site`: the course as a static website, made by DocC from the lessons' own files.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the course website (DocC tutorials) from course.md, the lesson texts, exercises and solutions.",
        discussion: """
            course.md's arc becomes the table of contents; each lesson text becomes a reading page \
            whose "Check yourself" questions are a quiz, and each exercise a tutorial whose code steps \
            go from the stub to the solution. The folder it writes can be served as it is (GitHub \
            Pages, any web server); course.md says how to preview and publish it.
            """)

    @Option(help: "The folder to write the site to (replaced when it holds an earlier site).")
    var output = ".build/site"

    @Option(help: "The path the site is served under, e.g. monolith-first for https://you.github.io/monolith-first/.")
    var hostingBasePath: String?

    @Flag(help: "Leave the reference solutions out: every code step shows the stub and what is to do (the site to give students).")
    var withoutSolutions = false

    static let marker = ".workbook-site"

    func validate() throws {
        if let hostingBasePath, hostingBasePath.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) {
            throw ValidationError("--hosting-base-path is a URL path such as monolith-first")
        }
    }

    func run() async throws {
        try await WorkbookCommand.guarded("workbook site") {
            let started = ContinuousClock.now
            let catalog = try Catalog.withSolutions(for: "workbook site")
            let site = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            try Self.refuseToOverwrite(site)
            let work = try temporaryFolder("site")
            defer { try? FileManager.default.removeItem(at: work) }
            let catalogue = try CourseSite(catalog: catalog, withSolutions: !withoutSolutions).writeCatalogue(in: work)
            let built = work.appendingPathComponent("site")
            let log = work.appendingPathComponent("docc.log")
            var arguments = [
                "convert", catalogue.path, "--fallback-display-name", CourseSite.name, "--fallback-bundle-identifier", "org.monolithfirst.course",
                "--transform-for-static-hosting", "--warnings-as-errors", "--output-path", built.path,
            ]
            if let hostingBasePath { arguments += ["--hosting-base-path", hostingBasePath] }
            #if os(macOS)
                let command = ["xcrun", "docc"] + arguments
            #else
                let command = ["docc"] + arguments
            #endif
            guard try await spawn(command, log: log) == .exited(0) else {
                throw UsageError("docc could not build the site:\n" + lastLines(of: log, 30).joined(separator: "\n"))
            }
            // The site's root opens the table of contents.
            let redirect =
                "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url=tutorials/monolithfirst/\">"
                + "<title>\(CourseSite.name)</title><a href=\"tutorials/monolithfirst/\">\(CourseSite.name)</a>\n"
            try redirect.write(to: built.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            try Data().write(to: built.appendingPathComponent(Self.marker))
            try? FileManager.default.removeItem(at: site)
            try FileManager.default.createDirectory(at: site.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: built, to: site)
            let (files, bytes) = Self.size(of: site)
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let narrator = Narrator(write: Terminal.writeLine)
            narrator.ok(
                "wrote \(site.path): \(catalog.exercises.count) lessons, \(files) files, \(bytes / 1024) KiB, in \(String(format: "%.1f", seconds)) s"
                    + (withoutSolutions ? ", without the reference solutions" : ", with the reference solutions in the code steps (for instructors)"))
            if let hostingBasePath {
                narrator.say("  it expects to be served under /\(hostingBasePath)/: publish the folder there (GitHub Pages: the repository's pages)")
            } else {
                narrator.say("  preview: python3 -m http.server --directory \(output) 8000, then open http://127.0.0.1:8000/")
            }
        }
    }

    /// A folder that is there, not empty and not an earlier site is somebody's: never replaced.
    static func refuseToOverwrite(_ site: URL) throws {
        let manager = FileManager.default
        guard let contents = try? manager.contentsOfDirectory(atPath: site.path) else {
            if manager.fileExists(atPath: site.path) { throw UsageError("\(site.path) is a file, not a folder for the site") }
            return
        }
        if !contents.isEmpty && !contents.contains(marker) {
            throw UsageError("\(site.path) holds other files: choose an empty or new folder for the site")
        }
    }

    /// How many files a folder holds and their bytes.
    static func size(of folder: URL) -> (files: Int, bytes: Int) {
        var files = 0
        var bytes = 0
        guard let paths = FileManager.default.enumerator(atPath: folder.path) else { return (0, 0) }
        for case let path as String in paths {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            files += 1
            bytes += (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return (files, bytes)
    }
}
