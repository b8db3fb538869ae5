// The tutorial's six losses: their names, labels and the PyTorch each one ports (the page shows
// these; the worker's train/loss-fns.ts has the torchlet code).

export const LOSSES = ['cross-entropy', 'nll', 'hand-cross-entropy', 'focal', 'multi-margin', 'bce-ovr'] as const;
export type LossName = (typeof LOSSES)[number];

export interface LossInfo {
  readonly label: string;
  /** The tutorial's line, in PyTorch. */
  readonly pytorch: string;
}

export const LOSS_INFO: Record<LossName, LossInfo> = {
  'cross-entropy': { label: 'cross entropy', pytorch: 'nn.CrossEntropyLoss()(outputs, targets)' },
  nll: { label: 'NLL of log-softmax', pytorch: 'nn.NLLLoss()(F.log_softmax(outputs, dim=1), targets)' },
  'hand-cross-entropy': {
    label: 'hand-composed cross entropy',
    pytorch: '-F.log_softmax(outputs, dim=1).gather(1, targets[:, None]).mean()',
  },
  focal: { label: 'focal (gamma 2)', pytorch: '(-(1 - p_t) ** 2 * torch.log(p_t)).mean()  # p_t = softmax(outputs)[targets]' },
  'multi-margin': { label: 'multi-margin hinge', pytorch: 'nn.MultiMarginLoss()(outputs, targets)' },
  'bce-ovr': { label: 'BCE with logits, one vs rest', pytorch: 'nn.BCEWithLogitsLoss()(outputs, F.one_hot(targets).float())' },
};

export function isLossName(s: string): s is LossName {
  return (LOSSES as readonly string[]).includes(s);
}
