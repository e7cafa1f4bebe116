"""`coachtui completion bash|zsh|fish`: a completion script made from the argparse parser
itself, so a new command or option is completed as soon as it exists. No dependency: the
parser is read with the same few attributes shtab reads.

An argument tagged `.complete = SCENARIO` completes scenario ids (asked of
`coachtui playbooks list` when the Tab key is pressed); an option whose type is a Path
completes file names; one with choices completes them.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from coachtui.commands.examples import examples

SHELLS = ("bash", "zsh", "fish")
SCENARIO = "scenario"  # the tag on an argument that takes a scenario id
# The ids, read at Tab time: they include the person's own playbooks.
IDS_COMMAND = "coachtui playbooks list 2>/dev/null | awk 'NR > 1 && NF {print $1}'"


@dataclass
class Option:
    names: list[str]
    help: str
    takes_value: bool
    choices: list[str]
    kind: str | None  # "file", SCENARIO or None


@dataclass
class Command:
    path: tuple[str, ...]  # () for coachtui itself, ("playbooks", "show") for a sub-command
    help: str = ""
    subcommands: dict[str, str] = field(default_factory=dict)  # name -> help
    options: list[Option] = field(default_factory=list)
    scenario_positional: bool = False
    positional_choices: list[str] = field(default_factory=list)  # `completion SHELL`


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "completion", help="print a shell completion script (bash, zsh or fish)",
        description="Print a script that lets your shell complete coachtui's commands, "
                    "options, formats and scenario ids with the Tab key.",
        **examples("echo 'eval \"$(coachtui completion bash)\"' >> ~/.bashrc",
                   "echo 'eval \"$(coachtui completion zsh)\"' >> ~/.zshrc",
                   "coachtui completion fish > ~/.config/fish/completions/coachtui.fish"))
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    commands = list(walk(parser))
    script = {"bash": bash, "zsh": zsh, "fish": fish}[args.shell](commands)
    print(script, end="")
    return 0


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = (),
         help_text: str = "") -> list[Command]:
    """Every command of the parser, depth first, each with its options and sub-commands."""
    command = Command(path, help_text)
    found = [command]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, child in action.choices.items():
                command.subcommands[name] = helps.get(name, "")
                found += walk(child, path + (name,), helps.get(name, ""))
        elif action.option_strings and action.help != argparse.SUPPRESS:
            command.options.append(Option(
                list(action.option_strings), action.help or "", action.nargs != 0,
                [str(choice) for choice in action.choices or ()], _kind(action)))
        elif not action.option_strings:
            command.scenario_positional |= getattr(action, "complete", None) == SCENARIO
            command.positional_choices += [str(choice) for choice in action.choices or ()]
    return found


def _kind(action: argparse.Action) -> str | None:
    if getattr(action, "complete", None) == SCENARIO:
        return SCENARIO
    return "file" if action.type is Path else None


def _words(command: Command) -> str:
    return " ".join([*command.subcommands, *command.positional_choices,
                     *(n for o in command.options for n in o.names)])


def bash(commands: list[Command]) -> str:
    """A bash function: find the sub-command typed so far, then complete what it takes."""
    steps = "\n".join(f'            "{" ".join(c.path[:-1])}:{c.path[-1]}") '
                      f'path="${{path:+$path }}$word" ;;' for c in commands if c.path)
    values = []
    for command in commands:
        for option in (o for o in command.options if o.takes_value):
            patterns = "|".join(f'"{" ".join(command.path)}:{name}"' for name in option.names)
            if option.choices:
                choices = shlex.quote(" ".join(option.choices))
                reply = f'COMPREPLY=($(compgen -W {choices} -- "$cur"))'
            elif option.kind == SCENARIO:
                reply = 'COMPREPLY=($(compgen -W "$(_coachtui_ids)" -- "$cur"))'
            elif option.kind == "file":
                reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
            else:
                reply = "COMPREPLY=()"
            values.append(f"            {patterns}) {reply}; return ;;")
    words = "\n".join(f'            "{" ".join(c.path)}") words={shlex.quote(_words(c))}'
                      + (' ids=1' if c.scenario_positional else "") + " ;;" for c in commands)
    return f"""# coachtui completion for bash. Load it with: eval "$(coachtui completion bash)"
_coachtui_ids() {{
    {IDS_COMMAND}
}}

_coachtui() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="" path="" word words="" ids=0 i
    (( COMP_CWORD > 1 )) && prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word="${{COMP_WORDS[i]}}"
        case "$path:$word" in
{steps}
        esac
    done
    case "$path:$prev" in
{chr(10).join(values)}
    esac
    case "$path" in
{words}
    esac
    if [[ "$cur" != -* && $ids == 1 ]]; then
        words="$words $(_coachtui_ids)"
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _coachtui coachtui
"""


def zsh(commands: list[Command]) -> str:
    """zsh runs the bash function through its own bashcompinit, so both complete alike."""
    return ('# coachtui completion for zsh. Load it with: eval "$(coachtui completion zsh)"\n'
            "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\n"
            "autoload -U +X bashcompinit && bashcompinit\n"
            + bash(commands).split("\n", 1)[1])


def fish(commands: list[Command]) -> str:
    """One `complete` line per sub-command and option, each with its help as description."""
    lines = ["# coachtui completion for fish. Save it as "
             "~/.config/fish/completions/coachtui.fish",
             "function __coachtui_ids",
             f"    {IDS_COMMAND}",
             "end",
             "function __coachtui_at",
             "    # true when the sub-commands typed so far are exactly the given ones",
             "    set -l typed (commandline -opc)[2..-1]",
             "    set -l path",
             "    for word in $typed",
             "        contains -- $word $__coachtui_commands; and set path $path $word",
             "    end",
             '    test "$path" = "$argv"',
             "end"]
    names = sorted({name for c in commands for name in c.subcommands})
    lines.insert(1, f"set -g __coachtui_commands {' '.join(names)}")
    for command in commands:
        at = f"-n {shlex.quote('__coachtui_at ' + ' '.join(command.path))}"
        for name, help_text in command.subcommands.items():
            lines.append(f"complete -c coachtui -f {at} -a {shlex.quote(name)} "
                         f"-d {shlex.quote(help_text)}")
        if command.scenario_positional:
            lines.append(f"complete -c coachtui -f {at} -a '(__coachtui_ids)'")
        if command.positional_choices:
            lines.append(f"complete -c coachtui -f {at} "
                         f"-a {shlex.quote(' '.join(command.positional_choices))}")
        for option in command.options:
            lines.append(f"complete -c coachtui {at} {_fish_names(option)}"
                         f"{_fish_value(option)} -d {shlex.quote(_first_line(option.help))}")
    return "\n".join(lines) + "\n"


def _fish_names(option: Option) -> str:
    return " ".join(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}"
                    for name in option.names)


def _fish_value(option: Option) -> str:
    if not option.takes_value:
        return ""
    if option.choices:
        return f" -x -a {shlex.quote(' '.join(option.choices))}"
    if option.kind == SCENARIO:
        return " -x -a '(__coachtui_ids)'"
    return " -r -F" if option.kind == "file" else " -x"


def _first_line(text: str) -> str:
    return " ".join(text.split())[:80]
