import { torchletVitestConfig, useChromiumVulkanLoader } from '../vitest.shared.ts';

// the webgpu runners' test needs a Vulkan loader at process start (Chromium's, where the system has none)
useChromiumVulkanLoader();

export default torchletVitestConfig(import.meta.dirname);
