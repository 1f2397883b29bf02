package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"parksim/batch"
)

// The files in deploy/ are read by Kubernetes, GitHub Actions, Slurm and
// bash, none of which runs here; these tests hold them to what parksim's
// command line expects.

const deployDir = "../../deploy"

// yamlDocuments decodes every document of every YAML file in deploy/,
// keyed by the file's path below deploy/.
func yamlDocuments(t *testing.T) map[string][]*yaml.Node {
	t.Helper()
	docs := map[string][]*yaml.Node{}
	err := filepath.WalkDir(deployDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (filepath.Ext(p) != ".yaml" && filepath.Ext(p) != ".yml") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(deployDir, p)
		dec := yaml.NewDecoder(bytes.NewReader(src))
		for {
			var doc yaml.Node
			if err := dec.Decode(&doc); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				t.Errorf("%s: %v", rel, err)
				break
			}
			docs[rel] = append(docs[rel], &doc)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, docs, "no YAML files under %s", deployDir)
	return docs
}

// The subset of Kubernetes' objects that the deploy files use.
type (
	k8sObject struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
	}
	k8sJob struct {
		k8sObject `yaml:",inline"`
		Spec      struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    *int   `yaml:"completions"`
			Parallelism    *int   `yaml:"parallelism"`
			Template       struct {
				Spec k8sPodSpec `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	k8sPodSpec struct {
		RestartPolicy string `yaml:"restartPolicy"`
		Containers    []struct {
			Name         string   `yaml:"name"`
			Image        string   `yaml:"image"`
			Command      []string `yaml:"command"`
			Args         []string `yaml:"args"`
			VolumeMounts []struct {
				Name      string `yaml:"name"`
				MountPath string `yaml:"mountPath"`
				ReadOnly  bool   `yaml:"readOnly"`
			} `yaml:"volumeMounts"`
		} `yaml:"containers"`
		Volumes []k8sVolume `yaml:"volumes"`
	}
	k8sVolume struct {
		Name                  string `yaml:"name"`
		PersistentVolumeClaim *struct {
			ClaimName string `yaml:"claimName"`
		} `yaml:"persistentVolumeClaim"`
		ConfigMap *struct {
			Name string `yaml:"name"`
		} `yaml:"configMap"`
	}
	k8sClaim struct {
		k8sObject `yaml:",inline"`
		Spec      struct {
			AccessModes []string `yaml:"accessModes"`
		} `yaml:"spec"`
	}
	k8sConfigMap struct {
		k8sObject `yaml:",inline"`
		Data      map[string]string `yaml:"data"`
	}
)

// kubernetesObjects are the deploy/kubernetes documents by kind.
type kubernetesObjects struct {
	jobs       []k8sJob
	claims     map[string]k8sClaim
	configMaps map[string]k8sConfigMap
}

func loadKubernetes(t *testing.T) kubernetesObjects {
	t.Helper()
	objs := kubernetesObjects{claims: map[string]k8sClaim{}, configMaps: map[string]k8sConfigMap{}}
	for file, docs := range yamlDocuments(t) {
		if !strings.HasPrefix(file, "kubernetes"+string(filepath.Separator)) {
			continue
		}
		for _, doc := range docs {
			var obj k8sObject
			require.NoError(t, doc.Decode(&obj), file)
			require.NotEmpty(t, obj.Kind, "%s: a document without a kind", file)
			require.NotEmpty(t, obj.Metadata.Name, "%s: a %s without a name", file, obj.Kind)
			switch obj.Kind {
			case "Job":
				var j k8sJob
				require.NoError(t, doc.Decode(&j), file)
				require.Equal(t, "batch/v1", j.APIVersion, "%s: job %s", file, j.Metadata.Name)
				objs.jobs = append(objs.jobs, j)
			case "PersistentVolumeClaim":
				var c k8sClaim
				require.NoError(t, doc.Decode(&c), file)
				objs.claims[c.Metadata.Name] = c
			case "ConfigMap":
				var m k8sConfigMap
				require.NoError(t, doc.Decode(&m), file)
				objs.configMaps[m.Metadata.Name] = m
			}
		}
	}
	slices.SortFunc(objs.jobs, func(a, b k8sJob) int { return strings.Compare(a.Metadata.Name, b.Metadata.Name) })
	return objs
}

// flagValue returns the value of --name in args (as "--name V" or
// "--name=V") and whether it is there.
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		if a == "--"+name && i+1 < len(args) {
			return args[i+1], true
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// volumeAt returns the volume of the pod's first container mounted at the
// deepest mount path that holds dir, and dir relative to that mount.
func volumeAt(t *testing.T, pod k8sPodSpec, dir string) (volume int, rel string) {
	t.Helper()
	best := ""
	for _, m := range pod.Containers[0].VolumeMounts {
		if (dir == m.MountPath || strings.HasPrefix(dir, strings.TrimSuffix(m.MountPath, "/")+"/")) && len(m.MountPath) > len(best) {
			best = m.MountPath
			volume = slices.IndexFunc(pod.Volumes, func(v k8sVolume) bool { return v.Name == m.Name })
			require.GreaterOrEqual(t, volume, 0, "the mount at %s names no volume of the pod", m.MountPath)
		}
	}
	require.NotEmpty(t, best, "%s is on no volume the pod mounts", dir)
	rel, _ = filepath.Rel(best, dir)
	return volume, rel
}

func TestKubernetesShardsAndMerge(t *testing.T) {
	objs := loadKubernetes(t)
	var shards, merge *k8sJob
	for i := range objs.jobs {
		j := &objs.jobs[i]
		require.Len(t, j.Spec.Template.Spec.Containers, 1, "job %s: containers", j.Metadata.Name)
		require.Equal(t, "Never", j.Spec.Template.Spec.RestartPolicy,
			"job %s: a failed pod must be a failed attempt, not restarted in place", j.Metadata.Name)
		switch args := j.Spec.Template.Spec.Containers[0].Args; {
		case len(args) > 0 && args[0] == "batch":
			require.Nil(t, shards, "two batch jobs")
			shards = j
		case len(args) > 0 && args[0] == "merge":
			require.Nil(t, merge, "two merge jobs")
			merge = j
		default:
			t.Fatalf("job %s runs neither parksim batch nor parksim merge: %q", j.Metadata.Name, args)
		}
	}
	require.NotNil(t, shards, "no job runs parksim batch")
	require.NotNil(t, merge, "no job runs parksim merge")

	// The shards: an Indexed Job whose completions are the shard count.
	name := shards.Metadata.Name
	require.Equal(t, "Indexed", shards.Spec.CompletionMode, "job %s: completionMode", name)
	require.NotNil(t, shards.Spec.Completions, "job %s: completions", name)
	n := *shards.Spec.Completions
	require.Positive(t, n, "job %s: completions", name)
	if p := shards.Spec.Parallelism; p != nil {
		require.True(t, *p >= 1 && *p <= n, "job %s: parallelism %d of %d completions", name, *p, n)
	}
	c := shards.Spec.Template.Spec.Containers[0]
	require.Empty(t, c.Command, "job %s: the image's entrypoint is parksim; args are its arguments", name)
	count, ok := flagValue(c.Args, "shard-count")
	require.True(t, ok, "job %s: no --shard-count in %q", name, c.Args)
	require.Equal(t, strconv.Itoa(n), count, "job %s: --shard-count must equal completions", name)
	_, ok = flagValue(c.Args, "shard-index")
	require.False(t, ok, "job %s: the shard's index comes from JOB_COMPLETION_INDEX, not --shard-index", name)
	out, ok := flagValue(c.Args, "out")
	require.True(t, ok, "job %s: no --out in %q", name, c.Args)
	pod := shards.Spec.Template.Spec
	v, shardRel := volumeAt(t, pod, out)
	claim := pod.Volumes[v].PersistentVolumeClaim
	require.NotNil(t, claim, "job %s: --out %s is not on a persistent volume claim", name, out)
	pvc, ok := objs.claims[claim.ClaimName]
	require.True(t, ok, "job %s: claim %q is in no file of deploy/kubernetes", name, claim.ClaimName)
	require.Contains(t, pvc.Spec.AccessModes, "ReadWriteMany", "claim %s: the shards write to it from many nodes", claim.ClaimName)

	// The experiment: an embedded one's name, or a file from a ConfigMap.
	require.GreaterOrEqual(t, len(c.Args), 2, "job %s: no experiment", name)
	if exp := c.Args[1]; strings.HasPrefix(exp, "/") {
		v, rel := volumeAt(t, pod, exp)
		cm := pod.Volumes[v].ConfigMap
		require.NotNil(t, cm, "job %s: the experiment %s is not on a ConfigMap", name, exp)
		m, ok := objs.configMaps[cm.Name]
		require.True(t, ok, "job %s: ConfigMap %q is in no file of deploy/kubernetes", name, cm.Name)
		require.Contains(t, m.Data, rel, "ConfigMap %s has no key %q for %s", cm.Name, rel, exp)
	}

	// The merge: the same folder on the same claim.
	name = merge.Metadata.Name
	mc := merge.Spec.Template.Spec.Containers[0]
	require.Equal(t, c.Image, mc.Image, "job %s: the image", name)
	require.Len(t, mc.Args, 2, "job %s: parksim merge DIR", name)
	mv, mergeRel := volumeAt(t, merge.Spec.Template.Spec, mc.Args[1])
	mclaim := merge.Spec.Template.Spec.Volumes[mv].PersistentVolumeClaim
	require.NotNil(t, mclaim, "job %s: %s is not on a persistent volume claim", name, mc.Args[1])
	require.Equal(t, claim.ClaimName, mclaim.ClaimName, "job %s: the claim", name)
	require.Equal(t, shardRel, mergeRel, "job %s: merges another folder than the shards write", name)
}

// workflow is the subset of a GitHub Actions workflow that the example uses.
type workflow struct {
	On   map[string]any         `yaml:"on"`
	Jobs map[string]workflowJob `yaml:"jobs"`
}

type workflowJob struct {
	RunsOn string         `yaml:"runs-on"`
	Steps  []workflowStep `yaml:"steps"`
}

type workflowStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

func TestGitHubActionsExample(t *testing.T) {
	docs := yamlDocuments(t)["ci/github-actions.yml"]
	require.Len(t, docs, 1, "ci/github-actions.yml: documents")
	var w workflow
	require.NoError(t, docs[0].Decode(&w))
	require.Contains(t, w.On, "push")
	require.Contains(t, w.On, "pull_request")
	require.Len(t, w.Jobs, 1)
	for _, job := range w.Jobs {
		var setupGo, build, batch, summary, upload, fail int = -1, -1, -1, -1, -1, -1
		for i, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "actions/setup-go@"):
				setupGo = i
			case strings.Contains(s.Run, "go build") && strings.Contains(s.Run, "./cmd/parksim"):
				build = i
			case strings.Contains(s.Run, " batch "):
				batch = i
			case strings.Contains(s.Run, "report/report.md") && strings.Contains(s.Run, "$GITHUB_STEP_SUMMARY"):
				summary = i
			case strings.HasPrefix(s.Uses, "actions/upload-artifact@"):
				upload = i
			case strings.Contains(s.Run, "exit "):
				fail = i
			}
		}
		require.True(t, setupGo >= 0 && build > setupGo && batch > build, "set up Go, build parksim, then run the batch")
		b := job.Steps[batch]
		require.NotEmpty(t, b.ID, "the batch step needs an id for its exit code")
		require.Contains(t, b.Run, `echo "code=$code" >> "$GITHUB_OUTPUT"`, "the batch step keeps its exit code")
		require.Contains(t, b.Run, "|| code=$?", "the batch step must not fail before the report is kept")
		out, ok := flagValue(strings.Fields(b.Run), "out")
		require.True(t, ok, "the batch step has no --out")
		for _, i := range []int{summary, upload, fail} {
			require.Greater(t, i, batch, "a step is missing or comes before the batch")
			require.Equal(t, "always()", job.Steps[i].If, "step %q must run when the batch failed", job.Steps[i].Name)
		}
		require.Contains(t, job.Steps[summary].Run, out+"/report/report.md")
		require.Equal(t, out+"/report/", job.Steps[upload].With["path"], "the artifact")
		require.Contains(t, job.Steps[fail].Run, "steps."+b.ID+".outputs.code", "the last step exits with the batch's code")
		require.Equal(t, len(job.Steps)-1, fail, "failing on the exit code is the last step")
	}
}

func TestSlurmScripts(t *testing.T) {
	scripts, err := filepath.Glob(filepath.Join(deployDir, "slurm", "*"))
	require.NoError(t, err)
	var checked int
	for _, s := range scripts {
		if ext := filepath.Ext(s); ext != ".sh" && ext != ".sbatch" {
			continue
		}
		checked++
		out, err := exec.Command("bash", "-n", s).CombinedOutput()
		require.NoError(t, err, "bash -n %s: %s", s, out)
		info, err := os.Stat(s)
		require.NoError(t, err)
		require.NotZero(t, info.Mode()&0o111, "%s is not executable", s)
	}
	require.Equal(t, 3, checked, "shards.sbatch, merge.sbatch and submit.sh")
	shards := string(readFile(t, filepath.Join(deployDir, "slurm", "shards.sbatch")))
	require.Contains(t, shards, "\n#SBATCH --array=0-")
	require.Contains(t, shards, `batch "$EXPERIMENT" --out "$OUT" --shard-count "$SHARDS"`)
	require.NotContains(t, shards, "--shard-index", "the index comes from SLURM_ARRAY_TASK_ID")
	merge := string(readFile(t, filepath.Join(deployDir, "slurm", "merge.sbatch")))
	require.Contains(t, merge, `merge "$OUT"`)
}

// TestGitHubActionsExampleRuns runs the example workflow's shell steps from
// the batch on, as a runner would (bash -eo pipefail, the step's outputs
// substituted into later steps), on an experiment that passes and on one
// that does not exist.
func TestGitHubActionsExampleRuns(t *testing.T) {
	docs := yamlDocuments(t)["ci/github-actions.yml"]
	require.Len(t, docs, 1)
	var w workflow
	require.NoError(t, docs[0].Decode(&w))
	require.Len(t, w.Jobs, 1)
	var job workflowJob
	for _, j := range w.Jobs {
		job = j
	}
	batch := slices.IndexFunc(job.Steps, func(s workflowStep) bool { return strings.Contains(s.Run, " batch ") })
	require.GreaterOrEqual(t, batch, 0)

	// The runner's parksim is this test binary, run as the program.
	runnerTemp := t.TempDir()
	wrapper := "#!/bin/sh\n" + asMainEnv + "=1 exec " + strconv.Quote(os.Args[0]) + ` "$@"` + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(runnerTemp, "parksim"), []byte(wrapper), 0o755))

	for _, tc := range []struct {
		experiment string
		code       string
		summary    string // what the summary must say when there is no report
	}{
		{"example", "0", ""},
		{"no-such-experiment", "2", "parksim wrote no report (exit code 2)"},
		{failingGate(t), "1", "gate failed"},
	} {
		t.Run(tc.experiment, func(t *testing.T) {
			work := t.TempDir()
			outputs, summary := filepath.Join(work, "output"), filepath.Join(work, "summary")
			outs := map[string]string{}
			var last error
			var log strings.Builder
			t.Cleanup(func() {
				if t.Failed() {
					t.Log(log.String())
				}
			})
			for _, s := range job.Steps[batch:] {
				if s.Run == "" {
					continue
				}
				script := stepExpression.ReplaceAllStringFunc(s.Run, func(e string) string {
					m := stepExpression.FindStringSubmatch(e)
					if v := outs[m[1]+"."+m[2]]; v != "" {
						return v
					}
					return m[3]
				})
				require.NoError(t, os.WriteFile(outputs, nil, 0o644))
				cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
				cmd.Dir = work
				cmd.Env = append(os.Environ(), "EXPERIMENT="+tc.experiment, "RUNNER_TEMP="+runnerTemp,
					"GITHUB_OUTPUT="+outputs, "GITHUB_STEP_SUMMARY="+summary)
				combined, err := cmd.CombinedOutput()
				fmt.Fprintf(&log, "step %q: %v\n%s", s.Name, err, combined)
				last = err
				if s.If != "always()" {
					require.NoError(t, err, "step %q", s.Name)
				}
				for line := range strings.Lines(string(readFile(t, outputs))) {
					if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
						outs[s.ID+"."+k] = v
					}
				}
			}
			require.Equal(t, tc.code, outs[job.Steps[batch].ID+".code"], "the batch's exit code")
			if tc.code == "0" {
				require.NoError(t, last, "the last step")
				require.Equal(t, string(readFile(t, filepath.Join(work, "parksim-out", "report", "report.md"))),
					string(readFile(t, summary)), "the step summary is report.md")
			} else {
				if tc.code == "1" {
					require.Equal(t, string(readFile(t, filepath.Join(work, "parksim-out", "report", "report.md"))),
						string(readFile(t, summary)), "the step summary is report.md, failed gate and all")
				}
				require.Contains(t, string(readFile(t, summary)), tc.summary, "the step summary")
				var exit *exec.ExitError
				require.ErrorAs(t, last, &exit, "the last step must fail")
				require.Equal(t, tc.code, strconv.Itoa(exit.ExitCode()), "the last step's exit code")
			}
		})
	}
}

// failingGate writes an experiment whose gate fails: the small park's
// waits held to a limit they are far above.
func failingGate(t *testing.T) string {
	return writeExperiment(t, "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"wait_minutes.p95\"]\n[[gate]]\nmetric = \"wait_minutes.p95\"\nmax = 5\n")
}

// TestTheWorkflowsExperimentHoldsToday: the experiment the workflow runs
// is a valid file with gates, and today's program passes them.
func TestTheWorkflowsExperimentHoldsToday(t *testing.T) {
	docs := yamlDocuments(t)["ci/github-actions.yml"]
	require.Len(t, docs, 1)
	var w struct {
		Jobs map[string]struct {
			Env map[string]string `yaml:"env"`
		} `yaml:"jobs"`
	}
	require.NoError(t, docs[0].Decode(&w))
	var exp string
	for _, j := range w.Jobs {
		exp = j.Env["EXPERIMENT"]
	}
	require.NotEmpty(t, exp, "the workflow names its experiment in the job's env")
	if strings.HasSuffix(exp, ".toml") {
		exp = filepath.Join("..", "..", exp) // the workflow runs at the repository's root
	}
	e, err := batch.Open(exp)
	require.NoError(t, err)
	require.NotEmpty(t, e.Plan.Gates, "an experiment for CI fails on something")
	if testing.Short() {
		t.Skip("running the experiment takes seconds: not in -short")
	}
	r := invoke("batch", exp, "--out", filepath.Join(t.TempDir(), "out"))
	require.Equal(t, exitOK, r.code, "today's program fails the workflow's gates:\n%s%s", r.stdout, r.stderr)
}

// stepExpression is a workflow expression reading a step's output, with
// an optional default: ${{ steps.ID.outputs.NAME || DEFAULT }}.
var stepExpression = regexp.MustCompile(`\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*(?:\|\|\s*(\S+)\s*)?\}\}`)

// TestKubernetesJobsRunHere runs the Indexed Job's pods one after another
// as Kubernetes would start them (the same arguments, JOB_COMPLETION_INDEX
// from 0 to completions−1, the volumes as folders), then the merge Job's,
// which must find every unit and write the report.
func TestKubernetesJobsRunHere(t *testing.T) {
	objs := loadKubernetes(t)
	root := t.TempDir()
	// The pods' volumes: the claim as an empty folder, a ConfigMap as a
	// folder of its keys, as the kubelet mounts them.
	mounts := func(pod k8sPodSpec) map[string]string {
		local := map[string]string{}
		for _, m := range pod.Containers[0].VolumeMounts {
			i := slices.IndexFunc(pod.Volumes, func(v k8sVolume) bool { return v.Name == m.Name })
			require.GreaterOrEqual(t, i, 0, "the mount at %s names no volume", m.MountPath)
			v := pod.Volumes[i]
			switch {
			case v.PersistentVolumeClaim != nil:
				local[m.MountPath] = filepath.Join(root, "claim-"+v.PersistentVolumeClaim.ClaimName)
			case v.ConfigMap != nil:
				cm, ok := objs.configMaps[v.ConfigMap.Name]
				require.True(t, ok, "ConfigMap %s", v.ConfigMap.Name)
				dir := filepath.Join(root, "configmap-"+cm.Metadata.Name)
				require.NoError(t, os.MkdirAll(dir, 0o755))
				for k, data := range cm.Data {
					require.NoError(t, os.WriteFile(filepath.Join(dir, k), []byte(data), 0o644))
				}
				local[m.MountPath] = dir
			default:
				t.Fatalf("volume %s is neither a claim nor a ConfigMap", v.Name)
			}
			require.NoError(t, os.MkdirAll(local[m.MountPath], 0o755))
		}
		return local
	}
	// args are the container's arguments with the mount paths in them
	// turned into the local folders.
	args := func(pod k8sPodSpec) []string {
		local := mounts(pod)
		var out []string
		for _, a := range pod.Containers[0].Args {
			for mount, dir := range local {
				if a == mount || strings.HasPrefix(a, mount+"/") {
					a = dir + strings.TrimPrefix(a, mount)
				}
			}
			out = append(out, a)
		}
		return out
	}
	var shards, merge k8sJob
	for _, j := range objs.jobs {
		if j.Spec.CompletionMode == "Indexed" {
			shards = j
		} else {
			merge = j
		}
	}
	require.NotNil(t, shards.Spec.Completions, "no Indexed Job")
	shardArgs := args(shards.Spec.Template.Spec)
	for i := range *shards.Spec.Completions {
		cmd := program(t, []string{"JOB_COMPLETION_INDEX=" + strconv.Itoa(i)}, shardArgs...)
		combined, err := cmd.CombinedOutput()
		require.NoError(t, err, "pod %d of %s: parksim %q: %s", i, shards.Metadata.Name, shardArgs, combined)
	}
	mergeArgs := args(merge.Spec.Template.Spec)
	combined, err := program(t, nil, mergeArgs...).CombinedOutput()
	require.NoError(t, err, "%s: parksim %q: %s", merge.Metadata.Name, mergeArgs, combined)
	require.FileExists(t, filepath.Join(mergeArgs[1], "report", "report.md"))
}
