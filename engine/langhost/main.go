// pulumi-language-python for souverain: a small Python language host built from the
// Pulumi Go SDK module, because the upstream host's own module is not available from the
// Go module proxy. It runs Python programs through pulumi-language-python-exec (shipped
// in the SDK module) and Python plugins such as policy packs, in the virtualenv named by
// the project's runtime options. Code generation, templates and dependency installation
// are outside its job and report as unimplemented.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set at build time to the Pulumi version this host was built against.
var version = "3.259.0"

// exitShownToUser is the exit code the exec shim uses after printing an actionable error.
const exitShownToUser = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	execScript    string
}

func main() {
	// The engine passes its address as the first non-flag argument; flags it may add
	// (tracing, root) are accepted and ignored.
	engine := ""
	for _, arg := range os.Args[1:] {
		if !strings.HasPrefix(arg, "-") {
			engine = arg
			break
		}
	}
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	h := &host{engineAddress: engine, execScript: filepath.Join(filepath.Dir(self), "pulumi-language-python-exec")}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fail(fmt.Errorf("could not start the language host: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
	os.Exit(1)
}

func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.EngineAddress
	// Exit when the engine goes away, so no host outlives its deployment.
	go func() {
		_ = rpcutil.Healthcheck(context.Background(), h.engineAddress, 5*time.Minute, func() { os.Exit(0) })
	}()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Plugins are resolved by the engine when resources register; nothing is announced ahead.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// Dependencies are installed by the project's own set-up (uv sync), never by the engine.
func (h *host) InstallDependencies(*pulumirpc.InstallDependenciesRequest, pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	return nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return &pulumirpc.AboutResponse{Executable: "python", Version: version}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// python returns the interpreter for a program: the virtualenv of its runtime options
// (relative to its root directory), else PULUMI_PYTHON_CMD, else python3.
func python(info *pulumirpc.ProgramInfo) string {
	if info != nil && info.Options != nil {
		if venv, ok := info.Options.AsMap()["virtualenv"].(string); ok && venv != "" {
			if !filepath.IsAbs(venv) {
				venv = filepath.Join(info.RootDirectory, venv)
			}
			return filepath.Join(venv, "bin", "python")
		}
	}
	if cmd := os.Getenv("PULUMI_PYTHON_CMD"); cmd != "" {
		return cmd
	}
	return "python3"
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	program := req.Program
	if req.Info != nil {
		program = filepath.Join(req.Info.ProgramDirectory, req.Info.EntryPoint)
	}
	if program == "" {
		program = "."
	}
	args := []string{"-u", h.execScript}
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.MonitorAddress)
	add("engine", h.engineAddress)
	add("project", req.Project)
	add("stack", req.Stack)
	add("pwd", req.Pwd)
	add("dry_run", strconv.FormatBool(req.DryRun))
	add("parallel", strconv.Itoa(int(req.Parallel)))
	add("organization", req.Organization)
	if req.Info != nil {
		add("root_directory", req.Info.RootDirectory)
	}
	args = append(append(args, program), req.Args...)

	// The exec shim expects a JSON object and a JSON list, never null.
	configMap, secretKeys := req.Config, req.ConfigSecretKeys
	if configMap == nil {
		configMap = map[string]string{}
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secrets, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, python(req.Info), args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secrets))
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == exitShownToUser {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", python(req.Info), err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin runs a Python plugin (a policy pack) as `python <plugin dir> <args>`, which
// executes its __main__.py, streaming its output back to the engine.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	dir := req.Program
	if req.Info != nil {
		dir = req.Info.ProgramDirectory
	}
	cmd := exec.CommandContext(server.Context(), python(req.Info), append([]string{"-u", dir}, req.Args...)...)
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd.Dir = req.Pwd
	cmd.Env = append(os.Environ(), req.Env...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if status, ok := exit.Sys().(syscall.WaitStatus); ok {
				return server.Send(&pulumirpc.RunPluginResponse{
					Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(status.ExitStatus())}, //nolint:gosec
				})
			}
		}
		return fmt.Errorf("could not run plugin %s: %w", dir, err)
	}
	return closer.Close()
}
