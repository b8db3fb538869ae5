import { Command, Option } from 'commander';
import { DATASETS } from '../data/index.js';
import { CLASS_WEIGHTS, LOSSES, MODELS, OPTIMIZERS, SCHEDULERS } from '../train/config.js';
import { DEVICES } from '../train/device.js';
import { inRange, intList, nonNegativeInt, nonNegativeNumber, numberList, positiveInt, positiveNumber } from './parsers.js';

export const DEFAULT_COMPARE_LOSSES = 'cross-entropy,focal,multi-margin,cross-entropy+balanced';

/** Options shared by `train` and `compare` (data, model, loss options, optimizer, schedule). */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--dataset <name>', 'data set').choices(DATASETS).default('iris'))
    .addOption(new Option('--per-class <n>', 'digits, names: samples kept per class before the split (default 200 digits, 1000 names)').argParser(positiveInt))
    .addOption(new Option('--test-fraction <f>', 'fraction of each class held out for testing').argParser(inRange(0, 1, true, true)).default(0.2))
    .addOption(new Option('--imbalance <ratio>', 'long-tail training split: class c keeps RATIO^(c/(C-1)) of its samples').argParser(inRange(0, 1, true, false)))
    .addOption(new Option('--seed <n>', 'seed for the split, the batch order and the initial weights').argParser(nonNegativeInt).default(0))
    .addOption(new Option('--model <name>', 'model').choices(MODELS).default('mlp'))
    .addOption(new Option('--hidden <sizes>', 'mlp hidden sizes, comma-separated (default 16 for iris, 64 for digits)').argParser(intList))
    .addOption(new Option('--hidden-size <n>', 'lstm hidden size / transformer d_model (default 64)').argParser(positiveInt))
    .addOption(new Option('--layers <n>', 'lstm / transformer encoder layers (default 1)').argParser(positiveInt))
    .addOption(new Option('--heads <n>', 'transformer attention heads, dividing --hidden-size (default 4)').argParser(positiveInt))
    .addOption(new Option('--ff-size <n>', 'transformer feed-forward size (default 2 x --hidden-size)').argParser(positiveInt))
    .addOption(new Option('--embedding-dim <n>', 'lstm on text: token embedding width (default 32)').argParser(positiveInt))
    .addOption(new Option('--dropout <p>', 'transformer dropout probability (default 0.1)').argParser(inRange(0, 1, false, true)))
    .addOption(new Option('--label-smoothing <f>', 'cross-entropy label smoothing').argParser(inRange(0, 1, false, false)).default(0))
    .addOption(new Option('--class-weights <mode>', 'class weights: balanced = N / (C * count_c) of the training split').choices(CLASS_WEIGHTS).default('none'))
    .addOption(new Option('--gamma <f>', 'focal loss focusing parameter').argParser(nonNegativeNumber).default(2))
    .addOption(new Option('--alpha <values>', 'focal loss alpha: one number or one per class, comma-separated').argParser(numberList))
    .addOption(new Option('--margin <f>', 'multi-margin loss margin').argParser(nonNegativeNumber).default(1))
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(OPTIMIZERS).default('adam'))
    .addOption(new Option('--lr <f>', 'learning rate (default 0.1 for sgd, 0.01 otherwise)').argParser(positiveNumber))
    .addOption(new Option('--momentum <f>', 'sgd / rmsprop momentum').argParser(inRange(0, 1, false, true)).default(0))
    .addOption(new Option('--nesterov', 'sgd: Nesterov momentum (needs --momentum > 0)').default(false))
    .addOption(new Option('--weight-decay <f>', 'weight decay (default 0.01 for adamw, as PyTorch; 0 otherwise)').argParser(nonNegativeNumber))
    .addOption(new Option('--scheduler <name>', 'learning-rate schedule').choices(SCHEDULERS).default('none'))
    .addOption(new Option('--step-size <epochs>', 'step scheduler: epochs between decays (default epochs/3)').argParser(positiveInt))
    .addOption(new Option('--step-gamma <f>', 'step scheduler: decay factor').argParser(inRange(0, 1, true, false)).default(0.1))
    .addOption(new Option('--epochs <n>', 'epochs (default 100 for iris, 5 for digits)').argParser(positiveInt))
    .addOption(new Option('--batch-size <n>', 'batch size (default 16 for iris, 64 for digits)').argParser(positiveInt))
    .addOption(new Option('--out <dir>', 'folder that holds run folders').default('runs'))
    .addOption(new Option('--name <name>', 'run folder name (default: dataset-model-loss-timestamp)'))
    .addOption(new Option('-q, --quiet', 'no progress bars or per-epoch lines').default(false))
    .addOption(new Option('--device <name>', "where to train: cpu, or webgpu (a GPU through WebGPU; in Node, Dawn's `webgpu` package)").choices(DEVICES).default('cpu'));
}

/**
 * What follows an error: one line pointing to the usage, not the usage itself (64 lines would
 * scroll the error off a small terminal).
 */
function helpHint(command: string): string {
  return `(run '${command} --help' for usage)`;
}

export interface ProgramHandlers {
  train(opts: Record<string, unknown>, cmd: Command): Promise<void>;
  compare(opts: Record<string, unknown>, cmd: Command): Promise<void>;
}

/** The `torchlet-train` command line: `train` (the default command) and `compare`. */
export function buildProgram(handlers: ProgramHandlers, version: string): Command {
  const program = new Command('torchlet-train')
    .description('Train, evaluate and compare torchlet classifiers on Iris, handwritten digits and first names.')
    .version(version)
    .showHelpAfterError(helpHint('torchlet-train'))
    .exitOverride()
    .addHelpText('after', '\ntrain is the default command: `torchlet-train [options]` trains. See `torchlet-train train --help`\nfor its options and `torchlet-train compare --help` for compare.');

  const train = addCommonOptions(
    program
      .command('train', { isDefault: true })
      .description('train one model, evaluate it on the held-out split and write a run folder')
      .showHelpAfterError(helpHint('torchlet-train train'))
      .exitOverride(),
  )
    .addOption(new Option('--loss <name>', 'loss').choices(LOSSES).default('cross-entropy'))
    .addOption(new Option('--resume <run>', 'continue the run in this folder (a path, or a name inside --out)'))
    .addOption(new Option('--stop-after <epochs>', 'stop after this many epochs in total, as if interrupted (resume later)').argParser(positiveInt))
    .addOption(new Option('--parity', 'also run the same training in PyTorch and compare per-step losses').default(false))
    .action(async (opts: Record<string, unknown>, cmd: Command) => handlers.train(opts, cmd));

  addCommonOptions(
    program
      .command('compare')
      .description('train the same model and data with several losses and compare them side by side')
      .showHelpAfterError(helpHint('torchlet-train compare'))
      .exitOverride(),
  )
    .addOption(
      new Option(
        '--losses <list>',
        `losses to compare, comma-separated; append +balanced for class weights (${LOSSES.join(', ')})`,
      ).default(DEFAULT_COMPARE_LOSSES),
    )
    .addHelpText('after', '\nBy default compare trains on the imbalanced split --imbalance 0.1 (the minority class keeps 10% of\nits training samples); --imbalance 1 compares on the full, balanced split.')
    .action(async (opts: Record<string, unknown>, cmd: Command) => handlers.compare(opts, cmd));

  train.addHelpText(
    'after',
    `
Examples:
  $ torchlet-train                                  # Iris, MLP, cross-entropy, Adam
  $ torchlet-train --model linear --optimizer sgd --lr 0.1 --momentum 0.9 --nesterov
  $ torchlet-train --loss focal --gamma 2 --imbalance 0.1 --class-weights balanced
  $ torchlet-train --dataset digits --model cnn --epochs 3
  $ torchlet-train --dataset names --model lstm
  $ torchlet-train --dataset names --model transformer --hidden-size 64 --heads 4
  $ torchlet-train --resume runs/<run>
  $ torchlet-train --parity
  $ torchlet-train compare --imbalance 0.1`,
  );
  return program;
}
