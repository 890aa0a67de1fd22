import WorkbookCatalog
import WorkbookGrading

/// The GitHub Actions workflow that grades a student's repository on every push, as `workbook
/// autograder classroom` writes it. GitHub Classroom, which ran it with a grading reporter, has
/// been sunset: the workflow needs none, and its grade is the run's summary and an artefact.
///
/// It checks out the student's repository and, beside it, the instructor's workbook at a fixed
/// commit, and grades the student's `Exercises/` with the workbook's tests and grading.json
/// (`workbook grade NN --student`), so that a student who edits the tests in their own
/// repository changes nothing. One step per exercise grades it and prints the grade; a last
/// step writes the points of each to the run's summary (an exercise whose step did not finish
/// says so, it never breaks the summary), and the files of the grade are the `grades` artefact.
/// The job runs in Swift's official image, with PostgreSQL as a service, so that
/// the checks that run on PostgreSQL in CI run there too.
package struct ClassroomWorkflow {
    package let repository: String
    package let ref: String
    package let exercises: [Lesson]
    package let timeout: Int
    package let swiftVersion: String
    /// The instructor's Package.resolved, when their checkout has one: the workflow builds the
    /// workbook with the same dependency versions, so that a release mid-term changes nothing.
    package var resolved: String?

    package init(repository: String, ref: String, exercises: [Lesson], timeout: Int, swiftVersion: String, resolved: String? = nil) {
        self.repository = repository
        self.ref = ref
        self.exercises = exercises
        self.timeout = timeout
        self.swiftVersion = swiftVersion
        self.resolved = resolved
    }

    package static func stepID(_ lesson: Lesson) -> String { "exercise-\(lesson.number)" }

    package var text: String {
        // Each exercise may take its limit twice (a hang, then listing its checks from the stub),
        // plus the build; the job's limit stops anything else.
        let minutes = 20 + exercises.count * (2 * timeout + 59) / 60
        var yaml = """
            # Grading for Monolith First on GitHub Actions, written by
            #   swift run workbook autograder classroom --repository \(repository)
            # Regenerate it rather than edit it. It grades the student's Exercises/ with the workbook
            # at \(repository)@\(ref) (its tests and its Lessons/NN-slug/grading.json), never with
            # the tests in the student's own repository. If that repository is private, add a
            # repository or organisation secret WORKBOOK_TOKEN that can read it. The grade is the
            # run's summary and its `grades` artefact (results.json, junit.xml and the printed grade
            # per exercise); GitHub Classroom, sunset, is not needed.
            name: Grade
            "on":
              - push
              - workflow_dispatch
            permissions:
              contents: read
            jobs:
              grade:
                name: Grade
                runs-on: ubuntu-latest
                timeout-minutes: \(minutes)
                container: swift:\(swiftVersion)
                services:
                  postgres:
                    image: postgres:15
                    env:
                      POSTGRES_HOST_AUTH_METHOD: trust
                    options: --health-cmd pg_isready --health-interval 2s --health-timeout 5s --health-retries 30
                env:
                  DATABASE_URL: postgres://postgres@postgres:5432/postgres
                  NO_COLOR: "1"
                defaults:
                  run:
                    shell: bash
                steps:
                  - name: The student's repository
                    uses: actions/checkout@v5
                    with:
                      path: submission
                  - name: The workbook that grades it
                    uses: actions/checkout@v5
                    with:
                      repository: \(repository)
                      ref: \(ref)
                      path: workbook
                      token: ${{ secrets.WORKBOOK_TOKEN || github.token }}
                  - name: System packages
                    run: |
                      missing=()
                      for package in libsqlite3-dev libpq-dev pkg-config; do
                        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
                      done
                      if [ ${#missing[@]} -gt 0 ]; then
                        apt-get update -qq
                        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
                      fi

            """
        if let resolved {
            yaml += """
                      - name: The dependency versions the instructor graded with
                        working-directory: workbook
                        run: |
                          cat > Package.resolved <<'RESOLVED'

                """
            // At the script's own indentation: YAML removes it, and the heredoc ends on a bare RESOLVED.
            for line in resolved.split(separator: "\n") {
                yaml += "          " + line + "\n"
            }
            yaml += "          RESOLVED\n"
        }
        yaml += """
                  - name: Build the workbook
                    working-directory: workbook
                    run: swift build --product workbook

            """
        for lesson in exercises {
            yaml += """
                      - name: "Exercise \(lesson.number) · \(lesson.title.replacingOccurrences(of: "\"", with: "'"))"
                        id: \(Self.stepID(lesson))
                        working-directory: workbook
                        run: |
                          mkdir -p "$GITHUB_WORKSPACE/grades"
                          status=0
                          swift run --skip-build workbook grade \(lesson.number) --timeout \(timeout) --student "$GITHUB_WORKSPACE/submission" \\
                            --output "$GITHUB_WORKSPACE/grades/\(lesson.number)" > "$GITHUB_WORKSPACE/grades/\(lesson.number).txt" 2>&1 || status=$?
                          cat "$GITHUB_WORKSPACE/grades/\(lesson.number).txt"
                          points=$(grep -o 'Total: .* points' "$GITHUB_WORKSPACE/grades/\(lesson.number).txt" | tail -n 1 || true)
                          echo "points=${points:-no grade}" >> "$GITHUB_OUTPUT"
                          # A low score is a grade; a grader that could not grade fails the job.
                          exit "$status"

                """
        }
        yaml += """
                  - name: The grade
                    if: always()
                    env:

            """
        // The points reach the script through the environment, never pasted into it: a line the
        // grader printed can hold what a student's code wrote.
        for lesson in exercises {
            yaml += "          POINTS_\(lesson.number): ${{ steps.\(Self.stepID(lesson)).outputs.points }}\n"
        }
        yaml += """
                    run: |
                      {
                        echo "## Monolith First · the grade"
                        echo
                        echo "| exercise | points |"
                        echo "|---|---|"

            """
        for lesson in exercises {
            yaml += """
                            echo "| \(lesson.number) · \(lesson.title.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "|", with: "/")) | ${POINTS_\(lesson.number):-no grade: the step did not finish} |"

                """
        }
        yaml += """
                        for file in grades/*.txt; do
                          [ -f "$file" ] || continue
                          echo
                          echo "<details><summary>Exercise $(basename "$file" .txt), as the grader printed it</summary>"
                          echo
                          echo '```'
                          cat "$file"
                          echo '```'
                          echo "</details>"
                        done
                      } >> "$GITHUB_STEP_SUMMARY"
                  - name: The grade's files
                    if: always()
                    uses: actions/upload-artifact@v6
                    with:
                      name: grades
                      path: grades/
                      if-no-files-found: warn

            """
        return yaml
    }
}
